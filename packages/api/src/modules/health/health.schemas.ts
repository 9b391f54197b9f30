import { z } from "zod";

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts).

export const liveOutput = z
  .strictObject({ status: z.literal("ok") })
  .meta({ id: "Liveness", description: "The server is up (the database was not asked)" });
export const pingOutput = z
  .strictObject({
    status: z.literal("ok"),
    database: z.enum(["postgres", "pglite"]).describe("Which engine this deployment runs on"),
    time: z.date().describe("The database's clock"),
  })
  .meta({ id: "Ping", description: "A round trip through the whole stack, database included" });
