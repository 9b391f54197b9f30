import type { Database } from "@plinth/db";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

/**
 * The query budget: a Kysely plugin that counts the statements a procedure call sends, so a test can assert that
 * a list costs the same few queries for 1 item and for 100 (no N+1). Hand `db` to the caller's context; read
 * `count` after the call. Statements inside transactions count too (Kysely carries plugins into them); BEGIN and COMMIT do not.
 */
export function countQueries(db: Database): { db: Database; readonly count: number; reset(): void } {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => args.node,
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      count++;
      return args.result;
    },
  };
  return {
    db: db.withPlugin(plugin),
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}
