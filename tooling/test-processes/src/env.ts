/**
 * The one place this package reads process.env (Biome allows it only in files named env.ts).
 *
 * A child server's environment: only what a process needs to run, plus `vars`. Nothing else is inherited, so a
 * DATABASE_URL (or any other server setting) exported in the developer's shell cannot point a test at a real
 * database or change the server's behaviour.
 */
export function childServerEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"] as const;
  const inherited = Object.fromEntries(
    keep.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
  return { ...inherited, ...vars };
}
