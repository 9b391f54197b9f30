import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Link, useLocation } from "../../navigation.tsx";
import { hrefs } from "../../paths.ts";
import { useTRPC } from "../../trpc.ts";
import { CreateTaskForm } from "./CreateTaskForm.tsx";
import { TaskFilterBar } from "./TaskFilterBar.tsx";
import { TaskList } from "./TaskList.tsx";
import { listInputOf, noFilters, type TaskFilters } from "./task-filters.ts";

const PAGE_SIZE = 25;
/** Typing in the search box asks the server once the typing pauses, not once per key. */
const SEARCH_PAUSE_MS = 300;

/** A project's tasks (`?org=&id=`): filters, a list that loads the next page as it scrolls into view, a new-task form. */
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
  const [filters, setFilters] = useState<TaskFilters>(noFilters);
  const [searchText, setSearchText] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => ({ ...f, search: searchText })), SEARCH_PAUSE_MS);
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
          {project.data.name} <span className="muted">{project.data.key}</span>
        </h2>
        <Link to={hrefs.organization(organizationId)}>Back to the organization</Link>
      </section>
      <section className="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">Tasks</h2>
        <TaskFilterBar
          organizationId={organizationId}
          filters={filters}
          onChange={setFilters}
          searchText={searchText}
          onSearchText={setSearchText}
        />
        <TaskList
          organizationId={organizationId}
          projectKey={project.data.key}
          query={tasks}
          filtered={JSON.stringify(filters) !== JSON.stringify(noFilters)}
        />
      </section>
      <CreateTaskForm organizationId={organizationId} projectId={projectId} />
    </>
  );
}
