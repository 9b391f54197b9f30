import type { TrpcOptions } from "../../trpc.ts";

/**
 * Keyset pages of `users.list`, newest first, for `useInfiniteQuery`: each page's `nextCursor` is the next
 * page's cursor, and null means there is no next page. tRPC adds `direction: "forward"` to the input, which
 * the procedure accepts (it pages forward only).
 */
export function userPagesOptions(trpc: TrpcOptions, limit: number) {
  return trpc.users.list.infiniteQueryOptions({ limit }, { getNextPageParam: (page) => page.nextCursor });
}
