import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { ConfirmStep } from "../../components/ConfirmStep.tsx";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { hasAppCode } from "../../lib/error-messages.ts";
import { navigate } from "../../navigation.tsx";
import { hrefs } from "../../paths.ts";
import { type Project, useTRPC } from "../../trpc.ts";

const fields = ["name", "description"] as const;

/**
 * A project's settings, for admins and owners (projects.policy.ts): rename and describe it, archive or unarchive
 * it, delete it after typing its key. `projects.update` takes no key: task numbers (WEB-42) are built from it.
 */
export function ProjectSettingsSection({ project }: { project: Project }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { organizationId: project.organizationId, projectId: project.id };
  const showProject = async (changed: Project) => {
    queryClient.setQueryData(trpc.projects.get.queryKey(ref), changed);
    await queryClient.invalidateQueries(
      trpc.projects.list.infiniteQueryFilter({ organizationId: project.organizationId }),
    );
  };
  // The save carries the version this screen read: if someone changed the project meanwhile (STALE_WRITE), the
  // sentence shows and the project reloads, so the person sees the change before saving again.
  const update = useMutation(
    trpc.projects.update.mutationOptions({
      onSuccess: showProject,
      onError: (error) => {
        if (hasAppCode(error, "STALE_WRITE")) {
          return queryClient.invalidateQueries(trpc.projects.get.queryFilter(ref));
        }
      },
    }),
  );
  const archive = useMutation(trpc.projects.archive.mutationOptions({ onSuccess: showProject }));
  const unarchive = useMutation(trpc.projects.unarchive.mutationOptions({ onSuccess: showProject }));
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(
          trpc.projects.list.infiniteQueryFilter({ organizationId: project.organizationId }),
        );
        navigate(hrefs.organization(project.organizationId));
        queryClient.removeQueries(trpc.projects.get.queryFilter(ref));
      },
    }),
  );
  const errors = fieldErrorsOf(update.error, fields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate({ ...ref, ...readForm(event.currentTarget, fields), version: project.version });
  };
  const archiving = archive.isPending || unarchive.isPending;
  const archiveError = archive.error ?? unarchive.error;

  return (
    <section className="card" aria-labelledby="project-settings-title">
      <h2 id="project-settings-title">Project settings</h2>
      {/* Keyed by what it shows: after a save (or someone else's) the fields hold the values now in force. */}
      <form key={`${project.name}\n${project.description}`} onSubmit={submit} aria-label="Edit the project">
        <Field label="Project name" name="name" required defaultValue={project.name} error={errors.name} />
        <div className={errors.description ? "field invalid" : "field"}>
          <label htmlFor="project-description">Description</label>
          <textarea
            id="project-description"
            name="description"
            rows={3}
            defaultValue={project.description}
            aria-invalid={errors.description ? true : undefined}
          />
          {errors.description ? <p className="field-error">{errors.description}</p> : null}
        </div>
        <p className="hint">The key {project.key} stays: the project's task numbers are built from it.</p>
        <FormError title="Could not save the project" error={update.error} fields={fields} />
        {update.isSuccess ? (
          <p className="success" role="status">
            Project saved.
          </p>
        ) : null}
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save project"}
        </button>
      </form>

      <div className="settings-group">
        <h3>{project.archivedAt ? "Archived" : "Archive"}</h3>
        <p className="muted">
          {project.archivedAt
            ? "This project is archived: it is marked as such in the organization's list. Unarchive it to mark it active again."
            : "Archiving marks a finished project in the organization's list; its tasks stay as they are."}
        </p>
        {archiveError ? <ErrorNotice title="The project was not changed" error={archiveError} /> : null}
        <button
          type="button"
          disabled={archiving}
          onClick={() => (project.archivedAt ? unarchive.mutate(ref) : archive.mutate(ref))}
        >
          {archiving ? "Saving…" : project.archivedAt ? "Unarchive project" : "Archive project"}
        </button>
      </div>

      <div className="settings-group">
        <h3>Delete</h3>
        <ConfirmStep
          action="Delete the project"
          question={`This cannot be undone: ${project.name} and all its tasks and comments are deleted.`}
          typeToConfirm={project.key}
          confirmLabel="Delete the project"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          onConfirm={() => remove.mutate(ref)}
          error={
            remove.error ? <ErrorNotice title="The project was not deleted" error={remove.error} /> : null
          }
        />
      </div>
    </section>
  );
}
