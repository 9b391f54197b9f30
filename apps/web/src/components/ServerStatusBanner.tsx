import { type Query, useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { isUnreachable, UNREACHABLE_RETRYING } from "../lib/error-messages.ts";

/** A query that is still trying (or paused offline) after its last attempt found no server. */
const isRetryingUnreachable = (query: Query) =>
  query.state.fetchStatus !== "idle" && isUnreachable(query.state.fetchFailureReason);

/**
 * While the API is down (or a proxy answers "Bad Gateway"), queries keep retrying rather than failing
 * (`createQueryClient`), so screens stay in their loading state and this one calm line says why.
 */
export function ServerStatusBanner() {
  const cache = useQueryClient().getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const unreachable = useSyncExternalStore(subscribe, () => cache.getAll().some(isRetryingUnreachable));
  if (!unreachable) return null;
  return (
    <p className="server-status" role="status">
      {UNREACHABLE_RETRYING}
    </p>
  );
}
