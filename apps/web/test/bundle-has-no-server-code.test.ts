import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPackageBin } from "./support/run-package-bin.ts";

const webDir = fileURLToPath(new URL("..", import.meta.url));
const leakyAppDir = fileURLToPath(new URL("fixtures/leaky-app", import.meta.url));
const devMailboxScreen = fileURLToPath(new URL("../src/features/dev/DevMailboxScreen.tsx", import.meta.url));

/**
 * Strings that survive minification (messages, SQL, node kinds) and exist only in server-side code. Each one is
 * also checked to appear in a bundle that does import the API package, so none of them can pass by being a string
 * the bundler would never emit anyway.
 */
const serverMarkers = [
  { from: "@trpc/server initTRPC", marker: "in a non-server environment" },
  { from: "@plinth/api users router", marker: "No user has that id" },
  { from: "@plinth/api users router", marker: "The cursor is not one this list produced" },
  { from: "@plinth/db SQL", marker: "select now() as now" },
  { from: "kysely", marker: "SelectQueryNode" },
  { from: "pg", marker: "SCRAM-SHA-256" },
  { from: "@electric-sql/pglite", marker: "PGlite is closed" },
  { from: "zod", marker: "$ZodError" },
  { from: "@plinth/auth cookies", marker: "Token is not a valid cookie value" },
  { from: "@plinth/api auth router", marker: "An account with this email already exists" },
  { from: "@plinth/api emails", marker: "If you did not sign up, ignore this message" },
  // Its browser entry re-exports a WebAssembly build that the leaky fixture leaves external (see its config), so
  // the package's name survives as an import specifier. In the real app it would fail the build outright.
  { from: "@node-rs/argon2", marker: "@node-rs/argon2" },
  // Vite's stand-in for a Node built-in (node:crypto hashes tokens since ADR 029, so there is no JavaScript
  // SHA-256 left to find): browser code never imports one.
  { from: "a Node built-in (node:crypto)", marker: "vite_browser_external" },
  { from: "@oslojs/encoding base32", marker: "abcdefghijklmnopqrstuvwxyz234567" },
  { from: "rate-limiter-flexible", marker: "points must be set and must be a finite number" },
];

interface Bundle {
  files: string[];
  text: string;
}

async function build(root: string, outDir: string): Promise<Bundle> {
  const result = await runPackageBin(
    "vite",
    ["build", root, "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"],
    webDir,
  );
  if (result.code !== 0) throw new Error(`vite build failed (${result.code}):\n${result.stderr}`);
  const files = (await readdir(outDir, { recursive: true })).map(String);
  const texts = await Promise.all(
    files.filter((f) => /\.(js|mjs|css|html)$/.test(f)).map((f) => readFile(join(outDir, f), "utf8")),
  );
  return { files, text: texts.join("\n") };
}

describe("the production bundle holds no server code", () => {
  let tempDir: string;
  let app: Bundle;
  let leaky: Bundle;

  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), "plinth-web-bundle-"));
    // One after the other: two builds at once just compete for the machine's two cores.
    app = await build(webDir, join(tempDir, "app"));
    leaky = await build(leakyAppDir, join(tempDir, "leaky"));
  });

  afterAll(async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  it("contains the app itself", () => {
    expect(app.files.some((f) => f.endsWith(".js"))).toBe(true);
    expect(app.text).toContain("/trpc");
    expect(app.text).toContain("Load more");
    expect(app.text).toContain("Forgot password?");
    expect(app.text).toContain("Sign out everywhere else");
  });

  it("leaves the development mailbox out (it exists only when import.meta.env.DEV)", () => {
    // The heading is the screen's own text, so its absence means the whole screen was dropped.
    expect(readFileSync(devMailboxScreen, "utf8")).toContain("Development mailbox");
    expect(app.text).not.toContain("Development mailbox");
    expect(app.text).not.toContain("Mailbox (dev)");
  });

  it.each(serverMarkers)("has no $from ($marker)", ({ marker }) => {
    expect(app.text).not.toContain(marker);
  });

  it("ships no PGlite WebAssembly or data files", () => {
    expect(app.files.filter((f) => /\.(wasm|data)$/.test(f))).toEqual([]);
  });

  it.each(serverMarkers)("would detect $from if the API package were imported", ({ marker }) => {
    expect(leaky.text).toContain(marker);
  });

  it("would detect PGlite's WebAssembly if the API package were imported", () => {
    expect(leaky.files.filter((f) => f.endsWith(".wasm")).length).toBeGreaterThan(0);
  });
});
