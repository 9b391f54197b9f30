/**
 * Compile-time contract between the web app and the router. Checked twice: by `tsc --noEmit` (the typecheck
 * script) and by Vitest's typecheck mode in `pnpm test`. Nothing here executes; the declared values only give the
 * type checker something to call. Each @ts-expect-error must be matched by a real error, or tsc fails with
 * "Unused '@ts-expect-error' directive", so the negative cases cannot quietly start compiling.
 */
import type { InfiniteData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { describe, expectTypeOf, test } from "vitest";
import { userPagesOptions } from "../features/users/user-pages.ts";
import type {
  AccountSession,
  ApiClient,
  ApiError,
  Health,
  MailboxEmail,
  Me,
  PublicUser,
  TrpcOptions,
} from "../trpc.ts";

declare const client: ApiClient;
declare const trpc: TrpcOptions;
declare const query: { useQuery: typeof useQuery; useInfiniteQuery: typeof useInfiniteQuery };

type ListPage = { items: PublicUser[]; nextCursor: string | null };

describe("outputs", () => {
  test("superjson keeps Dates as Date, not the string JSON would make of them", () => {
    expectTypeOf<PublicUser>().toEqualTypeOf<{
      id: string;
      name: string;
      createdAt: Date;
    }>();
    expectTypeOf<Health>().toEqualTypeOf<{ status: "ok"; database: "pglite" | "postgres"; time: Date }>();
  });

  test("the vanilla client resolves to the procedures' outputs", () => {
    expectTypeOf(client.users.byId.query).returns.resolves.toEqualTypeOf<PublicUser>();
    expectTypeOf(client.users.list.query).returns.resolves.toEqualTypeOf<ListPage>();
    expectTypeOf(client.health.live.query).returns.resolves.toEqualTypeOf<{ status: "ok" }>();
  });

  test("the React Query options carry the same types into the hooks", () => {
    const userPages = query.useInfiniteQuery(userPagesOptions(trpc, 10));
    expectTypeOf(userPages.data).toEqualTypeOf<InfiniteData<ListPage, string | null> | undefined>();
    expectTypeOf(userPages.error).toEqualTypeOf<ApiError | null>();
    const ping = query.useQuery(trpc.health.ping.queryOptions());
    expectTypeOf(ping.data).toEqualTypeOf<Health | undefined>();
    expectTypeOf(ping.error).toEqualTypeOf<ApiError | null>();
  });

  test("errors expose the error formatter's fields", () => {
    type ErrorData = NonNullable<ApiError["data"]>;
    expectTypeOf<"USER_NOT_FOUND" | "VALIDATION_FAILED" | "INVALID_CURSOR">().toExtend<
      ErrorData["appCode"]
    >();
    expectTypeOf<ErrorData["details"]>().toEqualTypeOf<{ path: string; message: string }[] | undefined>();
    expectTypeOf<ErrorData["httpStatus"]>().toEqualTypeOf<number>();
  });

  test("auth errors carry the codes the screens switch on, and the rate limit's wait", () => {
    type ErrorData = NonNullable<ApiError["data"]>;
    expectTypeOf<
      | "EMAIL_TAKEN"
      | "WEAK_PASSWORD"
      | "INVALID_CREDENTIALS"
      | "INVALID_TOKEN"
      | "TOO_MANY_REQUESTS"
      | "EMAIL_NOT_VERIFIED"
      | "UNAUTHORIZED"
    >().toExtend<ErrorData["appCode"]>();
    expectTypeOf<ErrorData["retryAfter"]>().toEqualTypeOf<number | undefined>();
  });

  test("auth.me is the signed-in account or null, never an error for signed-out", () => {
    expectTypeOf<Me>().toEqualTypeOf<{
      id: string;
      email: string;
      name: string;
      role: "user" | "admin";
      emailVerified: boolean;
      createdAt: Date;
    }>();
    expectTypeOf(client.auth.me.query).returns.resolves.toEqualTypeOf<Me | null>();
    const me = query.useQuery(trpc.auth.me.queryOptions());
    expectTypeOf(me.data).toEqualTypeOf<Me | null | undefined>();
    expectTypeOf(client.account.me.query).returns.resolves.toEqualTypeOf<Me>();
  });

  test("login and signup answer the user and when the session expires", () => {
    type LoginOutput = Awaited<ReturnType<typeof client.auth.login.mutate>>;
    expectTypeOf<LoginOutput["user"]>().toEqualTypeOf<Me>();
    expectTypeOf<LoginOutput["expiresAt"]>().toEqualTypeOf<Date>();
    type SignupOutput = Awaited<ReturnType<typeof client.auth.signup.mutate>>;
    expectTypeOf<SignupOutput["user"]>().toEqualTypeOf<Me>();
  });

  test("sessions and the dev mailbox keep their Dates", () => {
    expectTypeOf<AccountSession["current"]>().toEqualTypeOf<boolean>();
    expectTypeOf<AccountSession["lastSeenAt"]>().toEqualTypeOf<Date>();
    expectTypeOf<AccountSession["handle"]>().toEqualTypeOf<string>();
    expectTypeOf<MailboxEmail["text"]>().toEqualTypeOf<string>();
    expectTypeOf<MailboxEmail["createdAt"]>().toEqualTypeOf<Date>();
  });
});

describe("inputs", () => {
  test("accepted shapes", () => {
    expectTypeOf(client.users.byId.query).parameter(0).toEqualTypeOf<{ id: string }>();
    type ListInput = Parameters<typeof client.users.list.query>[0];
    expectTypeOf<{ limit: number }>().toExtend<ListInput>();
    expectTypeOf<{ cursor: null }>().toExtend<ListInput>();
    expectTypeOf<Record<string, never>>().toExtend<ListInput>();
  });

  test("wrong types and missing fields do not compile", () => {
    // @ts-expect-error wrong input type: id is a string
    void client.users.byId.query({ id: 42 });
    // @ts-expect-error missing required field: id
    void client.users.byId.query({});
    // @ts-expect-error no input at all where one is required
    void client.users.byId.query();
    // @ts-expect-error unknown field: the input is a strict object
    void client.users.byId.query({ id: "0b6f0b36-5c0e-4d2c-9b39-0d1f1c8c1a11", email: "a@b.c" });
    // @ts-expect-error wrong input type: limit is a number
    void client.users.list.query({ limit: "10" });
    // @ts-expect-error wrong input type through the React Query options proxy too
    trpc.users.byId.queryOptions({ id: 42 });
  });

  test("auth inputs", () => {
    type LoginInput = Parameters<typeof client.auth.login.mutate>[0];
    expectTypeOf<{ email: string; password: string }>().toExtend<LoginInput>();
    expectTypeOf(client.auth.signup.mutate)
      .parameter(0)
      .toExtend<{ email: string; password: string; name: string }>();
    expectTypeOf(client.auth.verifyEmail.mutate).parameter(0).toEqualTypeOf<{ token: string }>();
    // @ts-expect-error missing required field: password
    void client.auth.login.mutate({ email: "ada@example.com" });
    // @ts-expect-error unknown field: the input is a strict object
    void client.auth.login.mutate({ email: "ada@example.com", password: "pw", remember: true });
    // @ts-expect-error the reset needs its token
    void client.auth.resetPassword.mutate({ password: "a long new password" });
    // @ts-expect-error a mutation has no queryOptions in the React Query options proxy
    trpc.auth.login.queryOptions({ email: "ada@example.com", password: "pw" });
  });
});

describe("procedures", () => {
  test("ones the router does not have do not compile", () => {
    // @ts-expect-error non-existent procedure
    void client.users.delete.query({ id: "x" });
    // @ts-expect-error non-existent router
    void client.posts.list.query();
    // @ts-expect-error non-existent procedure through the React Query options proxy
    trpc.health.status.queryOptions();
  });

  test("a query cannot be called as a mutation, nor a mutation as a query", () => {
    // @ts-expect-error health.ping is a query
    void client.health.ping.mutate();
    // @ts-expect-error auth.me is a query
    void client.auth.me.mutate();
    // @ts-expect-error auth.logout is a mutation
    void client.auth.logout.query();
  });
});

describe("public user", () => {
  test("has no private fields and a Date createdAt", () => {
    const user = {} as PublicUser;
    // @ts-expect-error PublicUser never carries the email or password hash
    void user.email;
    // @ts-expect-error nor the role: admins are not singled out to other members
    void user.role;
    // @ts-expect-error createdAt is a Date, not an ISO string
    const createdAtText: string = user.createdAt;
    void createdAtText;
  });
});
