import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ChildServer,
  childServerEnv,
  freePorts,
  startChildServer,
  withTimeout,
} from "@plinth/test-processes";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { keepScreenshotsIn } from "./env.ts";

export const CHROMIUM = "/usr/bin/chromium";

const webDir = fileURLToPath(new URL("../..", import.meta.url));
const serverDir = fileURLToPath(new URL("../../../server", import.meta.url));

/** The real API server on a fresh embedded database, the web app's Vite dev server proxying to it, and Chromium. */
export interface Stack {
  webUrl: string;
  api: ChildServer;
  browser: Browser;
  screenshotDir: string;
  /** A fresh browser profile (its own cookies: one signed-in person), whose expectations wait `seeTimeout`. */
  newContext(): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/** The stack every browser test starts: one per file (vitest runs the e2e files one at a time). */
export async function startStack(opts: { seeTimeout: number; prefix: string }): Promise<Stack> {
  const tempDir = await mkdtemp(join(tmpdir(), opts.prefix));
  const screenshotDir = keepScreenshotsIn ?? join(tempDir, "screenshots");
  await mkdir(screenshotDir, { recursive: true });
  const [apiPort, webPort] = await freePorts(2);
  if (apiPort === undefined || webPort === undefined) throw new Error("no free ports");
  const webUrl = `http://127.0.0.1:${webPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  let api: ChildServer | undefined;
  let web: ViteDevServer | undefined;
  let browser: Browser | undefined;

  const stop = async () => {
    // Each step bounded and independent: a browser that hangs on close must not keep the servers running.
    await withTimeout(browser?.close() ?? Promise.resolve(), 15_000, "browser.close").catch((e) =>
      console.error(e),
    );
    await withTimeout(web?.close() ?? Promise.resolve(), 15_000, "vite close").catch((e) => console.error(e));
    await api?.stop(15_000).catch((e) => console.error(e));
    await rm(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    api = await startChildServer({
      command: process.execPath,
      args: ["--import", "tsx", join(serverDir, "src", "main.ts")],
      cwd: serverDir,
      env: childServerEnv({
        NODE_ENV: "development",
        PORT: String(apiPort),
        HOST: "127.0.0.1",
        PGLITE_DATA_DIR: join(tempDir, "pglite"),
        WEB_ORIGIN: webUrl,
        SEED_DEMO_DATA: "false",
        LOG_LEVEL: "warn",
        DEV_MAILBOX: "true",
      }),
      url: apiUrl,
      readyPath: "/readyz",
      timeoutMs: 120_000,
    });
    web = await createServer({
      configFile: join(webDir, "vite.config.ts"),
      root: webDir,
      cacheDir: join(tempDir, "vite-cache"),
      logLevel: "warn",
      clearScreen: false,
      server: {
        host: "127.0.0.1",
        port: webPort,
        strictPort: true,
        watch: null,
        proxy: { "/trpc": { target: apiUrl, changeOrigin: true } },
      },
    });
    await web.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      timeout: 60_000,
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const started = browser;
  return {
    webUrl,
    api,
    browser: started,
    screenshotDir,
    newContext: async () => {
      const context = await started.newContext({ baseURL: webUrl, viewport: { width: 1000, height: 800 } });
      context.setDefaultTimeout(opts.seeTimeout);
      return context;
    },
    stop,
  };
}
