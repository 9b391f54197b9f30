import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer as createNetServer, type Server as NetServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Distinct free loopback ports, all held open until every one is known so none is handed out twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: NetServer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createNetServer();
      servers.push(server);
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
    }
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("no port");
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Rejects with `message` if `promise` has not settled within `ms`; the timer never holds the process open. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (after ${ms} ms)`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ChildServer {
  url: string;
  /** The last lines the process printed, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. Resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a server process and resolves once `readyPath` answers 200. Rejects (after killing it) if the process
 * exits first or is not ready within `timeoutMs`, with the process's last output in the message.
 */
export async function startChildServer(opts: {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  url: string;
  readyPath: string;
  timeoutMs: number;
}): Promise<ChildServer> {
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = once(child, "exit");
  // Last resort if the test process itself goes down without running its hooks: never leave the server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const server: ChildServer = {
    url: opts.url,
    output: () => lines.join("\n"),
    async stop(graceMs = 10_000) {
      process.removeListener("exit", killOnExit);
      if (!isRunning(child)) return;
      child.kill("SIGTERM");
      try {
        await withTimeout(exited, graceMs, "server did not stop on SIGTERM");
      } catch {
        child.kill("SIGKILL");
        await withTimeout(exited, 5_000, "server did not die on SIGKILL").catch(() => {});
      }
    },
  };

  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(child)) {
      process.removeListener("exit", killOnExit);
      throw new Error(
        `${opts.command} exited with ${child.exitCode ?? child.signalCode} before it was ready:\n${server.output()}`,
      );
    }
    if (await answers200(`${opts.url}${opts.readyPath}`)) return server;
    await sleep(250);
  }
  await server.stop();
  throw new Error(
    `${opts.url}${opts.readyPath} was not ready within ${opts.timeoutMs} ms:\n${server.output()}`,
  );
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}
