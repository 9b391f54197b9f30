// Types only: a value import from @plinth/api would pull the router, the database driver and zod into the bundle.
import type { AppRouter, Me, RouterOutputs } from "@plinth/api";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCClientErrorLike } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import { isUnreachable } from "./lib/error-messages.ts";

export type { Me };
export type ApiError = TRPCClientErrorLike<AppRouter>;
export type UserPage = RouterOutputs["users"]["list"];
export type PublicUser = UserPage["items"][number];
export type Health = RouterOutputs["health"]["ping"];
export type AccountSession = RouterOutputs["account"]["sessions"][number];
export type ApiKey = RouterOutputs["apiKeys"]["list"][number];
export type ApiKeyScope = ApiKey["scopes"][number];
export type MailboxEmail = RouterOutputs["dev"]["mailbox"][number];
export type Organization = RouterOutputs["organizations"]["list"][number];
export type OrgRole = Organization["role"];
export type Member = RouterOutputs["organizations"]["members"]["list"]["items"][number];
export type Invitation = RouterOutputs["organizations"]["invitations"]["listPending"]["items"][number];
export type Activity = RouterOutputs["organizations"]["activity"]["items"][number];
export type Project = RouterOutputs["projects"]["list"]["items"][number];
export type TaskItem = RouterOutputs["tasks"]["list"]["items"][number];
export type Task = RouterOutputs["tasks"]["get"];
export type TaskStatus = Task["status"];
export type TaskComment = RouterOutputs["comments"]["list"]["items"][number];

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export type TrpcOptions = ReturnType<typeof useTRPC>;
export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    // The server's adapter answers batched GETs but cannot stream, so httpBatchStreamLink is not an option.
    // A relative URL keeps every call same-origin: Vite proxies /trpc in dev, the host does in production. The
    // session travels as an HttpOnly cookie, which same-origin fetches send by default; no token is ever in reach
    // of this code.
    links: [httpBatchLink({ url: "/trpc", transformer: superjson })],
  });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx (bad input, not found, signed out) fails the same way every time; only retry what may be transient.
        // No server at all is transient by nature: keep trying (backing off up to 30 s) while ServerStatusBanner
        // says so, instead of showing a parser's "Unexpected token 'B'" once three attempts are spent.
        retry: (failureCount, error) => isUnreachable(error) || (failureCount < 2 && !isClientError(error)),
      },
    },
  });
}

function isClientError(error: unknown): boolean {
  const status = (error as Partial<ApiError> | null)?.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}
