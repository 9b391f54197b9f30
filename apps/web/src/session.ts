import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "./trpc.ts";

/** The signed-in account (`auth.me`): data is `null` when signed out, so signed-out is not an error. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions());
}

/**
 * After anything that changes who is signed in or what their account looks like: every cached answer may now be
 * wrong (auth.me above all), so mark them all stale and refetch the ones on screen.
 */
export function useRefreshEverything(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries(), [queryClient]);
}
