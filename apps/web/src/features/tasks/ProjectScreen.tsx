import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Link, navigate, useLocation } from "../../navigation.tsx";
import { hrefs, paths } from "../../paths.ts";
import { useTRPC } from "../../trpc.ts";
import { canAdminister } from "../organizations/roles.ts";
import { CreateTaskForm } from "./CreateTaskForm.tsx";
import { ProjectSettingsSection } from "./ProjectSettingsSection.tsx";
import { TaskFilterBar } from "./TaskFilterBar.tsx";
import { TaskList } from "./TaskList.tsx";
import { filtersFromSearch, isFiltered, listInputOf, type TaskFilters, withFilters } from "./task-filters.ts";

const PAGE_SIZE = 25;
/** Typing in the search box asks the server once the typing pauses, not once per key. */
const SEARCH_PAUSE_MS = 300;

/** The filters of the address the browser shows now (not of a render that may be a keystroke behind). */
const currentFilters = () => filtersFromSearch(new URLSearchParams(window.location.search));

/**
 * Filters and sort live in the query string, so a reload or a shared link shows the same list. A change replaces
 * the history entry: Back leaves the project rather than undoing one checkbox at a time.
 */
function showFilters(filters: TaskFilters) {
  const search = withFilters(new URLSearchParams(window.location.search), filters);
  navigate(`${paths.project}?${search}`, { replace: true, keepScroll: true });
}

/**
 * A project's tasks (`?org=&id=` and the filters, see task-filters.ts): filters, a list that loads the next page
 * as it scrolls into view, a new-task form and, for admins, the project's settings.
 */
export function ProjectScreen() {
  const { search } = useLocation();
  const organizationId = search.get("org") ?? "";
  const projectId = search.get("id") ?? "";
  const trpc = useTRPC();
  const ready = organizationId !== "" && projectId !== "";
  const project = useQuery({
    ...trpc.projects.get.queryOptions({ organizationId, projectId }),
    enabled: ready,
  });
  // The caller's role decides whether the settings are offered; the server decides each call anyway.
  const organization = useQuery({
    ...trpc.organizations.byId.queryOptions({ organizationId }),
    enabled: ready,
  });
  const filters = filtersFromSearch(search);
  const [searchText, setSearchText] = useState(filters.search);
  useEffect(() => {
    const timer = setTimeout(() => {
      const now = currentFilters();
      if (now.search.trim() !== searchText.trim()) showFilters({ ...now, search: searchText });
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const tasks = useInfiniteQuery({
    ...trpc.tasks.list.infiniteQueryOptions(listInputOf(organizationId, projectId, filters, PAGE_SIZE), {
      getNextPageParam: (page) => page.nextCursor,
    }),
    enabled: ready && project.isSuccess,
  });

  if (!ready) return <p>This address names no project.</p>;
  if (project.isPending) return <p className="muted">Loading the project…</p>;
  if (project.error) {
    return (
      <section className="card">
        <ErrorNotice title="Could not open this project" error={project.error} />
        <Link to={hrefs.organization(organizationId)}>Back to the organization</Link>
      </section>
    );
  }

  return (
    <>
      <section className="card">
        <h2>
          {project.data.name} <span className="muted">{project.data.key}</span>{" "}
          {project.data.archivedAt ? <span className="badge archived">Archived</span> : null}
        </h2>
        {project.data.description ? <p className="task-description">{project.data.description}</p> : null}
        <Link to={hrefs.organization(organizationId)}>Back to the organization</Link>
      </section>
      <section className="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">Tasks</h2>
        <TaskFilterBar
          organizationId={organizationId}
          filters={filters}
          onChange={showFilters}
          searchText={searchText}
          onSearchText={setSearchText}
        />
        <TaskList
          organizationId={organizationId}
          projectKey={project.data.key}
          query={tasks}
          filtered={isFiltered(filters)}
        />
      </section>
      <CreateTaskForm organizationId={organizationId} projectId={projectId} />
      {organization.data && canAdminister(organization.data.role) ? (
        <ProjectSettingsSection project={project.data} />
      ) : null}
    </>
  );
}
