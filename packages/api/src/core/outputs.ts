import { z } from "zod";

/**
 * Output building blocks every module shares. Outputs are the OpenAPI document's response schemas (json-schema.ts),
 * so each carries a description, and the ones a client names get an `id`: it becomes `components.schemas.<id>`.
 * Objects are strict: a field a service returns by mistake (an email, a token hash) fails the call in tests
 * instead of leaking.
 */

/** One page of a keyset-paged list, as every list procedure answers. */
export const pageOf = <T extends z.ZodType>(item: T, meta: { id: string; what: string }) =>
  z
    .strictObject({
      items: z.array(item).describe(`The ${meta.what} on this page, in the list's order`),
      nextCursor: z
        .string()
        .nullable()
        .describe("Pass it back as `cursor` to get the next page; null on the last page"),
    })
    .meta({ id: meta.id, description: `One page of ${meta.what}` });

/** What an action that has nothing else to say answers. */
export const okOutput = z
  .strictObject({ ok: z.literal(true) })
  .meta({ id: "Ok", description: "The action was carried out" });

/** What a delete answers once the row (and what cascades from it) is gone. */
export const deletedOutput = z
  .strictObject({ deleted: z.literal(true) })
  .meta({ id: "Deleted", description: "The resource was deleted" });

/** A procedure that answers with no value at all (`undefined` over tRPC; no body over REST). */
export const noContentOutput = z.void().describe("No content");
