/**
 * The environment the tests give the tools they start. Vitest sets NODE_ENV=test, and a `vite build` that inherits
 * it bundles React's development code (512 kB instead of 295 kB), so the bundle under test would not be the one
 * `pnpm build` ships.
 */
export function childProcessEnv(): NodeJS.ProcessEnv {
  const { NODE_ENV: _vitestMode, ...inherited } = process.env;
  return inherited;
}
