import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc.ts";

/**
 * The organization's members for pickers and names (the task's assignee): the first page of 100, which covers
 * the teams this app is for; a bigger organization's later members still show by id until more are loaded.
 */
export function useMembers(organizationId: string) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.organizations.members.list.infiniteQueryOptions(
      { organizationId, limit: 100 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  return { query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}
