import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDateTime } from "../../format.ts";
import { useTRPC } from "../../trpc.ts";

/** `health.ping` goes through the whole stack, so a green panel means the browser reached the database. */
export function HealthPanel() {
  const trpc = useTRPC();
  const ping = useQuery(trpc.health.ping.queryOptions());

  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">API health</h2>
      {ping.isPending ? (
        <p className="muted">Checking the API…</p>
      ) : ping.isError ? (
        <ErrorNotice title="The API did not answer" error={ping.error} />
      ) : (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span className="badge ok">{ping.data.status}</span>
          </dd>
          <dt>Database</dt>
          <dd>{ping.data.database}</dd>
          <dt>Database time</dt>
          <dd>
            <time dateTime={ping.data.time.toISOString()}>{formatDateTime(ping.data.time)}</time>
          </dd>
        </dl>
      )}
    </section>
  );
}
