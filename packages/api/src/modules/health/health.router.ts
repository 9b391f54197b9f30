import { databaseKind, databaseTime } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { checked } from "../../core/output-check.ts";
import { publicProcedure } from "../../core/trpc.ts";
import { liveOutput, pingOutput } from "./health.schemas.ts";

export const healthRouter = {
  /** Answers without touching the database: the cost of the stack alone (benchmark W0). */
  live: publicProcedure.output(checked(liveOutput)).query(() => ({ status: "ok" as const })),

  /** A round trip through the whole stack: client, transport, procedure, database. */
  ping: publicProcedure.output(checked(pingOutput)).query(async ({ ctx }) => ({
    status: "ok" as const,
    database: databaseKind(ctx.db),
    time: await databaseTime(ctx.db),
  })),
} satisfies TRPCRouterRecord;
