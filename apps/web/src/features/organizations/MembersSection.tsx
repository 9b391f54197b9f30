import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDate } from "../../format.ts";
import { useMe } from "../../session.ts";
import { type Member, type OrgRole, useTRPC } from "../../trpc.ts";
import { canAdminister, orgRoles } from "./roles.ts";

interface MembersSectionProps {
  organizationId: string;
  myRole: OrgRole;
}

export function MembersSection({ organizationId, myRole }: MembersSectionProps) {
  const trpc = useTRPC();
  const members = useInfiniteQuery(
    trpc.organizations.members.list.infiniteQueryOptions(
      { organizationId, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {members.isPending ? (
        <p className="muted">Loading members…</p>
      ) : !members.data ? (
        <ErrorNotice title="Could not load the members" error={members.error} />
      ) : items.length === 0 ? (
        <p className="muted">No members.</p>
      ) : (
        <ul className="users members">
          {items.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              organizationId={organizationId}
              manage={canAdminister(myRole)}
            />
          ))}
        </ul>
      )}
      {members.data && members.error ? (
        <ErrorNotice title="Could not load more members" error={members.error} />
      ) : null}
      {members.hasNextPage ? (
        <button type="button" onClick={() => members.fetchNextPage()} disabled={members.isFetchingNextPage}>
          {members.isFetchingNextPage ? "Loading…" : "More members"}
        </button>
      ) : null}
    </section>
  );
}

interface MemberRowProps {
  member: Member;
  organizationId: string;
  manage: boolean;
}

function MemberRow({ member, organizationId, manage }: MemberRowProps) {
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  // A role change or removal can change what this person may do here (their own role), so refresh the org too.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.organizations.members.list.infiniteQueryFilter({ organizationId })),
      queryClient.invalidateQueries(trpc.organizations.byId.queryFilter({ organizationId })),
    ]);
  const changeRole = useMutation(
    trpc.organizations.members.changeRole.mutationOptions({ onSuccess: refresh }),
  );
  const remove = useMutation(trpc.organizations.members.remove.mutationOptions({ onSuccess: refresh }));
  const isMe = me.data?.id === member.userId;
  const error = changeRole.error ?? remove.error;

  return (
    <li data-testid="member">
      <span className="name">
        {member.name}
        {isMe ? " (you)" : ""}
      </span>
      <span className="muted">joined {formatDate(member.joinedAt)}</span>
      {manage ? (
        <>
          <select
            aria-label={`Role of ${member.name}`}
            value={member.role}
            disabled={changeRole.isPending}
            onChange={(event) =>
              changeRole.mutate({
                organizationId,
                userId: member.userId,
                role: event.target.value as OrgRole,
              })
            }
          >
            {orgRoles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          {isMe ? null : (
            <button
              type="button"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ organizationId, userId: member.userId })}
            >
              Remove
            </button>
          )}
        </>
      ) : (
        <span className="badge">{member.role}</span>
      )}
      {error ? <ErrorNotice title={`Could not change ${member.name}'s membership`} error={error} /> : null}
    </li>
  );
}
