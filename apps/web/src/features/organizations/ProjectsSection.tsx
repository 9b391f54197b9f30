import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { Link } from "../../navigation.tsx";
import { hrefs } from "../../paths.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["name", "key"] as const;

export function ProjectsSection({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projects = useInfiniteQuery(
    trpc.projects.list.infiniteQueryOptions(
      // Archived projects stay listed, marked, so their tasks can still be found (and the project unarchived).
      { organizationId, limit: 20, includeArchived: true },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries(trpc.projects.list.infiniteQueryFilter({ organizationId })),
    }),
  );
  const errors = fieldErrorsOf(create.error, fields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate({ organizationId, ...readForm(form, fields) }, { onSuccess: () => form.reset() });
  };
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="card" aria-labelledby="projects-title">
      <h2 id="projects-title">Projects</h2>
      {projects.isPending ? (
        <p className="muted">Loading projects…</p>
      ) : !projects.data ? (
        <ErrorNotice title="Could not load the projects" error={projects.error} />
      ) : items.length === 0 ? (
        <p className="muted">No projects yet.</p>
      ) : (
        <ul className="users">
          {items.map((project) => (
            <li key={project.id} data-testid="project-row">
              <Link to={hrefs.project(organizationId, project.id)} className="name">
                {project.name}
              </Link>
              <span className="muted">{project.key}</span>
              {project.archivedAt ? <span className="badge archived">Archived</span> : null}
            </li>
          ))}
        </ul>
      )}
      {projects.data && projects.error ? (
        <ErrorNotice title="Could not load more projects" error={projects.error} />
      ) : null}
      {projects.hasNextPage ? (
        <button type="button" onClick={() => projects.fetchNextPage()} disabled={projects.isFetchingNextPage}>
          {projects.isFetchingNextPage ? "Loading…" : "More projects"}
        </button>
      ) : null}
      <form onSubmit={submit} aria-label="New project">
        <h3>New project</h3>
        <Field label="Project name" name="name" required error={errors.name} />
        <Field
          label="Key"
          name="key"
          required
          hint="2 to 10 capitals or digits; task numbers start with it (WEB-42)."
          error={errors.key}
        />
        <FormError title="Could not create the project" error={create.error} fields={fields} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </form>
    </section>
  );
}
