import { request } from "node:http";
import { connect } from "node:net";
import { type Context, formatError } from "@plinth/api";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../test/test-server.ts";

// plinth's context and formatter, with one procedure that fails the way a query does when its caller leaves.
const t = initTRPC
  .context<Context>()
  .create({ transformer: superjson, errorFormatter: formatError, isDev: false });
let waiting: () => void = () => {};
const started = new Promise<void>((resolve) => {
  waiting = resolve;
});
const router = t.router({
  ping: t.procedure.query(() => "pong"),
  untilAborted: t.procedure.query(
    ({ signal }) =>
      new Promise((_, reject) => {
        waiting();
        signal?.addEventListener("abort", () => reject(new Error("aborted")));
      }),
  ),
  echo: t.procedure.mutation(() => "ok"),
});

const s = useTestServer({ router });

/** A raw GET, so the path reaches the server byte for byte. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(s.url);
    const req = request({ host: url.hostname, port: url.port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function requestLine(match: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = s.logs.find((l) => l.msg === "request" && match(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no request line matched within ${timeoutMs} ms:\n${s.rawLogs.join("")}`);
}

const errorLines = () => s.logs.filter((l) => (l.level as number) >= 50);

describe("bytes that do not decode are the client's mistake", () => {
  it.each(["/trpc/%E0%A4%A", "/trpc/ping%ff", "/trpc/%ff", "/trpc/ping,%ff?batch=1"])(
    "GET %s is 400 MALFORMED_REQUEST, not 500",
    async (path) => {
      const before = errorLines().length;
      const res = await rawGet(path);
      expect(res.status).toBe(400);
      expect(res.body).toContain('"appCode":"MALFORMED_REQUEST"');
      expect(errorLines().length).toBe(before);
    },
  );
});

describe("a client that goes away is not a server error", () => {
  it("while its body is being read: logged at info, no error line", async () => {
    const before = errorLines().length;
    const url = new URL(s.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      "POST /trpc/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();

    const line = await requestLine((l) => l.path === "/trpc/echo");
    expect(line).toMatchObject({ level: 30, status: 499, clientGone: true, procedures: ["echo"] });
    expect(errorLines().slice(before)).toEqual([]);
  });

  it("while a procedure runs: the failure it causes is not logged as an error", async () => {
    const before = errorLines().length;
    const controller = new AbortController();
    const call = fetch(`${s.url}/trpc/untilAborted`, { signal: controller.signal }).catch(() => "aborted");
    await started;
    controller.abort();
    expect(await call).toBe("aborted");

    const line = await requestLine((l) => l.path === "/trpc/untilAborted");
    expect(line).toMatchObject({ level: 30, status: 499, clientGone: true, procedures: ["untilAborted"] });
    expect(errorLines().slice(before)).toEqual([]);
  });
});
