import type { AppRouter } from "@plinth/api";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { describe, expect, it } from "vitest";
import type { PublicUser, UserPage } from "../../trpc.ts";
import { userPagesOptions } from "./user-pages.ts";

const people: PublicUser[] = ["Ada", "Grace", "Edsger", "Donald", "Barbara"].map((name, i) => ({
  id: `id-${i}`,
  name,
  createdAt: new Date(Date.UTC(2026, 0, 10 - i)),
}));

/**
 * Stands in for the server at the link layer, so the real tRPC client and options proxy run: it records each
 * `users.list` input and answers keyset pages, the cursor being the index of the next row.
 */
function fakeServer() {
  const inputs: unknown[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        inputs.push(op.input);
        const { limit, cursor } = op.input as { limit: number; cursor?: string | null };
        const start = cursor == null ? 0 : Number(cursor);
        const page: UserPage = {
          items: people.slice(start, start + limit),
          nextCursor: start + limit < people.length ? String(start + limit) : null,
        };
        observer.next({ result: { type: "data", data: page } });
        observer.complete();
      });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  return { inputs, client, queryClient, trpc };
}

describe("userPagesOptions", () => {
  it("walks every page by nextCursor, sending { limit, cursor, direction }", async () => {
    const { inputs, queryClient, trpc } = fakeServer();

    const data = await queryClient.fetchInfiniteQuery({ ...userPagesOptions(trpc, 2), pages: 10 });

    expect(data.pages.flatMap((p) => p.items.map((u) => u.name))).toEqual(people.map((u) => u.name));
    expect(data.pageParams).toEqual([undefined, "2", "4"]);
    // toStrictEqual: users.list takes a strict object, so any other key would be refused by the server.
    expect(inputs).toStrictEqual([
      // The first page has no cursor: tRPC leaves the key out rather than send null.
      { limit: 2, direction: "forward" },
      { limit: 2, cursor: "2", direction: "forward" },
      { limit: 2, cursor: "4", direction: "forward" },
    ]);
  });

  it("uses tRPC's key for users.list, so tRPC's filters find the cached pages", async () => {
    const { queryClient, trpc } = fakeServer();
    await queryClient.fetchInfiniteQuery(userPagesOptions(trpc, 2));

    expect(queryClient.getQueryCache().findAll(trpc.users.list.pathFilter())).toHaveLength(1);
  });
});
