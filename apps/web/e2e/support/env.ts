/**
 * The one place the end-to-end test reads process.env (Biome allows it only in files named env.ts).
 */

/** Set it to keep the test's screenshots in that folder; otherwise they go to a temp folder removed afterwards. */
export const keepScreenshotsIn: string | undefined = process.env.E2E_SCREENSHOT_DIR?.trim() || undefined;

/**
 * The API server's environment: only what a process needs to run, plus `vars`. Nothing else is inherited, so a
 * DATABASE_URL (or any other server setting) exported in the developer's shell cannot point the test at a real
 * database or change the server's behaviour.
 */
export function apiServerEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"] as const;
  const inherited = Object.fromEntries(
    keep.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
  return { ...inherited, ...vars };
}
