import type { Kysely, Transaction } from "kysely";
import type { DB } from "./schema.ts";

/** What every query function takes: the database, or a transaction the caller opened so the work joins it. */
export type Executor = Kysely<DB> | Transaction<DB>;
