import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { formatDate } from "../../format.ts";
import { type OrgRole, useTRPC } from "../../trpc.ts";
import { orgRoles } from "./roles.ts";

const fields = ["email", "role"] as const;

/** Admins invite by email (the invitee gets a link to /invitation), see who has not answered yet, and revoke. */
export function InvitationsSection({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pendingFilter = trpc.organizations.invitations.listPending.infiniteQueryFilter({ organizationId });
  const pending = useInfiniteQuery(
    trpc.organizations.invitations.listPending.infiniteQueryOptions(
      { organizationId, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const [invited, setInvited] = useState<string | null>(null);
  const invite = useMutation(
    trpc.organizations.invitations.create.mutationOptions({
      onSuccess: (invitation) => {
        setInvited(invitation.email);
        return queryClient.invalidateQueries(pendingFilter);
      },
    }),
  );
  const revoke = useMutation(
    trpc.organizations.invitations.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(pendingFilter),
    }),
  );
  const errors = fieldErrorsOf(invite.error, fields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = readForm(form, fields);
    setInvited(null);
    invite.mutate(
      { organizationId, email: values.email, role: values.role as OrgRole },
      { onSuccess: () => form.reset() },
    );
  };
  const items = pending.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      <form onSubmit={submit} aria-label="Invite someone">
        <Field label="Email to invite" name="email" type="email" required error={errors.email} />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" defaultValue="member">
            {orgRoles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <FormError title="Could not send the invitation" error={invite.error} fields={fields} />
        {invited ? (
          <p className="success" role="status">
            Invitation sent to {invited}.
          </p>
        ) : null}
        <button type="submit" disabled={invite.isPending}>
          {invite.isPending ? "Sending…" : "Send invitation"}
        </button>
      </form>
      <h3>Pending</h3>
      {pending.isPending ? (
        <p className="muted">Loading invitations…</p>
      ) : !pending.data ? (
        <ErrorNotice title="Could not load the invitations" error={pending.error} />
      ) : items.length === 0 ? (
        <p className="muted">No pending invitations.</p>
      ) : (
        <ul className="users">
          {items.map((invitation) => (
            <li key={invitation.id}>
              <span className="name">{invitation.email}</span>
              <span className="muted">
                {invitation.role}, expires {formatDate(invitation.expiresAt)}
              </span>
              <button
                type="button"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ organizationId, invitationId: invitation.id })}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoke.error ? <ErrorNotice title="Could not revoke the invitation" error={revoke.error} /> : null}
      {pending.hasNextPage ? (
        <button type="button" onClick={() => pending.fetchNextPage()} disabled={pending.isFetchingNextPage}>
          More invitations
        </button>
      ) : null}
    </section>
  );
}
