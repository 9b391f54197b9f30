import { useInfiniteQuery } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDateTime } from "../../format.ts";
import { Link, useLocation } from "../../navigation.tsx";
import { hrefs } from "../../paths.ts";
import { type Activity, useTRPC } from "../../trpc.ts";

/** The organization's activity feed (`?org=`), newest first; the server answers admins and owners only. */
export function ActivityScreen() {
  const organizationId = useLocation().search.get("org") ?? "";
  const trpc = useTRPC();
  const feed = useInfiniteQuery({
    ...trpc.organizations.activity.infiniteQueryOptions(
      { organizationId, limit: 30 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: organizationId !== "",
  });
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="card" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      {organizationId ? <Link to={hrefs.organization(organizationId)}>Back to the organization</Link> : null}
      {!organizationId ? (
        <p>This address names no organization.</p>
      ) : feed.isPending ? (
        <p className="muted">Loading activity…</p>
      ) : !feed.data ? (
        <ErrorNotice title="Could not load the activity" error={feed.error} />
      ) : items.length === 0 ? (
        <p className="muted">Nothing has happened here yet.</p>
      ) : (
        <ul className="users activity">
          {items.map((entry) => (
            <ActivityRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      {feed.data && feed.error ? (
        <ErrorNotice title="Could not load more activity" error={feed.error} />
      ) : null}
      {feed.hasNextPage ? (
        <button type="button" onClick={() => feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>
          {feed.isFetchingNextPage ? "Loading…" : "Older activity"}
        </button>
      ) : null}
    </section>
  );
}

/** The event's name as words ("task.status_changed" → "task status changed"): readable without a table per event. */
const eventWords = (event: string) => event.replace(/[._]/g, " ");

function ActivityRow({ entry }: { entry: Activity }) {
  // Only an update says which fields changed; a creation's "after" is every field, which says nothing.
  const changed = entry.changes?.before && entry.changes.after ? Object.keys(entry.changes.after) : [];
  return (
    <li>
      <span className="name">
        {entry.actor?.name ?? "The system"}: {eventWords(entry.event)}
      </span>
      {changed.length > 0 ? <span className="muted">({changed.join(", ")})</span> : null}
      <time className="muted" dateTime={entry.occurredAt.toISOString()}>
        {formatDateTime(entry.occurredAt)}
      </time>
    </li>
  );
}
