import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { ConfirmStep } from "../../components/ConfirmStep.tsx";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { hasAppCode } from "../../lib/error-messages.ts";
import { navigate } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { type Organization, useTRPC } from "../../trpc.ts";
import { canAdminister } from "./roles.ts";

const renameFields = ["name"] as const;

/**
 * An organization's settings: admins rename it, owners delete it (typing its slug first), and anyone may leave it
 * (the server refuses the last owner with LAST_OWNER). What is offered follows the caller's role; the server decides.
 */
export function OrganizationSettingsSection({ org }: { org: Organization }) {
  return (
    <section className="card" aria-labelledby="org-settings-title">
      <h2 id="org-settings-title">Settings</h2>
      {canAdminister(org.role) ? <RenameOrganizationForm org={org} /> : null}
      <LeaveOrganization org={org} />
      {org.role === "owner" ? <DeleteOrganization org={org} /> : null}
    </section>
  );
}

function RenameOrganizationForm({ org }: { org: Organization }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rename = useMutation(
    trpc.organizations.rename.mutationOptions({
      onSuccess: (renamed) => {
        queryClient.setQueryData(trpc.organizations.byId.queryKey({ organizationId: org.id }), renamed);
        return queryClient.invalidateQueries(trpc.organizations.list.queryFilter());
      },
      // The rename carries the version this screen read; a rename made meanwhile (STALE_WRITE) reloads the
      // organization, so the person sees the name now in force before choosing again.
      onError: (error) => {
        if (hasAppCode(error, "STALE_WRITE")) {
          return queryClient.invalidateQueries(
            trpc.organizations.byId.queryFilter({ organizationId: org.id }),
          );
        }
      },
    }),
  );
  const errors = fieldErrorsOf(rename.error, renameFields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    rename.mutate({
      organizationId: org.id,
      ...readForm(event.currentTarget, renameFields),
      version: org.version,
    });
  };
  return (
    <form onSubmit={submit} aria-label="Rename the organization">
      {/* Keyed by the name: a rename elsewhere (or this one) refills the field with the name now in force. */}
      <Field
        key={org.name}
        label="Organization name"
        name="name"
        required
        defaultValue={org.name}
        error={errors.name}
      />
      <FormError title="Could not rename the organization" error={rename.error} fields={renameFields} />
      {rename.isSuccess && !rename.isPending ? (
        <p className="success" role="status">
          Renamed to {rename.data.name}.
        </p>
      ) : null}
      <button type="submit" disabled={rename.isPending}>
        {rename.isPending ? "Renaming…" : "Rename"}
      </button>
    </form>
  );
}

/** Leaving, then the list of one's organizations: this one is no longer among them. */
function LeaveOrganization({ org }: { org: Organization }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const leave = useMutation(
    trpc.organizations.members.leave.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.organizations.list.queryFilter());
        navigate(paths.organizations);
        queryClient.removeQueries(trpc.organizations.byId.queryFilter({ organizationId: org.id }));
      },
    }),
  );
  return (
    <div className="settings-group">
      <h3>Leave</h3>
      <p className="muted">
        You lose access to its projects and tasks; tasks assigned to you become unassigned.
      </p>
      <ConfirmStep
        action="Leave the organization"
        question={`Leave ${org.name}? Only a new invitation brings you back.`}
        confirmLabel={`Leave ${org.name}`}
        pendingLabel="Leaving…"
        pending={leave.isPending}
        onConfirm={() => leave.mutate({ organizationId: org.id })}
        error={leave.error ? <ErrorNotice title="You are still a member" error={leave.error} /> : null}
      />
    </div>
  );
}

function DeleteOrganization({ org }: { org: Organization }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.organizations.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.organizations.list.queryFilter());
        navigate(paths.organizations);
        // Nothing of it is left to show; cached pages of it would only answer NOT_FOUND on their next refetch.
        queryClient.removeQueries(trpc.organizations.byId.queryFilter({ organizationId: org.id }));
      },
    }),
  );
  return (
    <div className="settings-group">
      <h3>Delete</h3>
      <p className="muted">Deletes its projects, tasks, comments and invitations for every member.</p>
      <ConfirmStep
        action="Delete the organization"
        question={`This cannot be undone. ${org.name} and everything in it is deleted.`}
        typeToConfirm={org.slug}
        confirmLabel="Delete for everyone"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ organizationId: org.id })}
        error={
          remove.error ? <ErrorNotice title="The organization was not deleted" error={remove.error} /> : null
        }
      />
    </div>
  );
}
