import { databaseKind, databaseTime } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../../core/trpc.ts";

export const healthRouter = {
  /** Answers without touching the database: the cost of the stack alone (benchmark W0). */
  live: publicProcedure.query(() => ({ status: "ok" as const })),

  /** A round trip through the whole stack: client, transport, procedure, database. */
  ping: publicProcedure.query(async ({ ctx }) => ({
    status: "ok" as const,
    database: databaseKind(ctx.db),
    time: await databaseTime(ctx.db),
  })),
} satisfies TRPCRouterRecord;
