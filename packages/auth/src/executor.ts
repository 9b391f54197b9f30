import type { Database, DB } from "@plinth/db";
import type { Transaction } from "kysely";

/** Anything that can run queries: the database, or a transaction the caller opened (so auth joins its work). */
export type Executor = Database | Transaction<DB>;
