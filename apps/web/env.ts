/**
 * The one place apps/web reads process.env (Biome's noProcessEnv is off only in files named env.ts). Only the
 * Vite config runs in Node and imports this; the browser bundle never sees these values.
 */

function readUrl(name: string, fallback: string): string {
  const raw = process.env[name]?.trim() || fallback;
  try {
    new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute URL such as ${fallback}, got "${raw}"`);
  }
  // The proxy appends the request path, so a trailing slash would turn /trpc into //trpc.
  return raw.replace(/\/+$/, "");
}

export const env = {
  /** Where the dev and preview servers forward /trpc. */
  API_URL: readUrl("API_URL", "http://localhost:3000"),
};
