import { z } from "zod";
import { defaultPgliteDataDir } from "./paths.ts";

/**
 * The only place this package reads `process.env`: the CLI and the test harness use it. Library callers pass
 * configuration to `createDatabase` explicitly.
 */
const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  TEST_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** `pnpm db seed` writes accounts with a published password: only with NODE_ENV=development. */
  NODE_ENV: z.string().optional(),
});

export type DbEnv = z.infer<typeof schema> & { PGLITE_DATA_DIR: string };

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid database environment:\n${lines.join("\n")}`);
  }
  return {
    ...parsed.data,
    PGLITE_DATA_DIR: parsed.data.PGLITE_DATA_DIR ?? defaultPgliteDataDir(),
  };
}
