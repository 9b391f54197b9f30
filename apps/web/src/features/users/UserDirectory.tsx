import { useInfiniteQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDate } from "../../format.ts";
import { type PublicUser, useTRPC } from "../../trpc.ts";
import { userPagesOptions } from "./user-pages.ts";

// Small enough that the five seeded demo users already span two pages.
const PAGE_SIZE = 3;

/**
 * Newest members first, one keyset page per "Load more": the server hands back the cursor for the next page.
 * Signed-in callers only; the home screen shows it only then.
 */
export function UserDirectory() {
  const users = useInfiniteQuery(userPagesOptions(useTRPC(), PAGE_SIZE));

  if (users.isPending) {
    return (
      <Section>
        <p className="muted">Loading users…</p>
      </Section>
    );
  }

  // Without data the error is all there is to show; after a failed "Load more" the pages already shown stay.
  if (!users.data) {
    return (
      <Section>
        <ErrorNotice title="Could not load users" error={users.error} />
      </Section>
    );
  }

  const items = users.data.pages.flatMap((page) => page.items);
  return (
    <Section>
      {items.length === 0 ? (
        <p className="muted">No users yet.</p>
      ) : (
        <ul className="users">
          {items.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </ul>
      )}
      {users.error ? <ErrorNotice title="Could not load more users" error={users.error} /> : null}
      {users.hasNextPage ? (
        <button type="button" onClick={() => users.fetchNextPage()} disabled={users.isFetchingNextPage}>
          {users.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : items.length > 0 ? (
        <p className="muted">That is everyone ({items.length}).</p>
      ) : null}
    </Section>
  );
}

function Section({ children }: { children: ReactNode }) {
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {children}
    </section>
  );
}

function UserRow({ user }: { user: PublicUser }) {
  return (
    <li>
      <span className="name">{user.name}</span>
      <time className="muted" dateTime={user.createdAt.toISOString()}>
        joined {formatDate(user.createdAt)}
      </time>
    </li>
  );
}
