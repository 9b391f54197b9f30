import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppErrorShape, AppRouter } from "@plinth/api";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { createQueryClient } from "../trpc.ts";
import {
  appCodeMessages,
  BROKEN_LINK,
  describeApiError,
  hasAppCode,
  isInvalidLink,
  isUnreachable,
  UNREACHABLE,
} from "./error-messages.ts";

/** An error exactly as the tRPC client builds it from a plinth error response. */
function answered(data: Omit<AppErrorShape["data"], "httpStatus"> & { httpStatus?: number }, message = "x") {
  const shape: AppErrorShape = { message, code: -32600, data: { httpStatus: 400, ...data } };
  return TRPCClientError.from<AppRouter>({ error: shape });
}

/** What a real client call against `url` fails with. */
async function failureOf(url: string): Promise<TRPCClientError<AppRouter>> {
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url, transformer: superjson })] });
  const error = await client.health.ping.query().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError))
    throw new Error(`expected a TRPCClientError, got ${String(error)}`);
  return error as TRPCClientError<AppRouter>;
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

describe("appCodeMessages", () => {
  // Completeness is the compiler's job (a Record over AppErrorCode); this checks each entry reads as a sentence.
  it("gives every code a sentence, never a code", () => {
    const entries = Object.entries(appCodeMessages);
    expect(entries.length).toBeGreaterThan(20);
    for (const [code, message] of entries) {
      expect(message, code).toMatch(/^[A-Z].*[.…]$/);
      expect(message, code).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b/);
    }
  });
});

describe("hasAppCode", () => {
  it("matches the server's reason, and nothing for no error or no answer", () => {
    const stale = answered({ code: "CONFLICT", appCode: "STALE_WRITE", httpStatus: 409 });
    expect(hasAppCode(stale, "STALE_WRITE")).toBe(true);
    expect(hasAppCode(stale, "FORBIDDEN")).toBe(false);
    expect(hasAppCode(null, "STALE_WRITE")).toBe(false);
    expect(hasAppCode(TRPCClientError.from<AppRouter>(new Error("Failed to fetch")), "STALE_WRITE")).toBe(
      false,
    );
  });
});

describe("describeApiError", () => {
  it("says what an appCode means instead of showing it", () => {
    const readable = describeApiError(
      answered({ code: "UNAUTHORIZED", appCode: "INVALID_CREDENTIALS", httpStatus: 401 }),
    );
    expect(readable).toMatchObject({ kind: "refused", message: "Email or password is incorrect." });
    expect(readable.message).not.toContain("INVALID_CREDENTIALS");
  });

  it("turns zod's message about a short token into a sentence about the link", () => {
    const error = answered({
      code: "BAD_REQUEST",
      appCode: "VALIDATION_FAILED",
      details: [{ path: "token", message: "Too small: expected string to have >=16 characters" }],
    });
    const readable = describeApiError(error);
    expect(readable.message).toBe(BROKEN_LINK);
    expect(readable.message).toBe("This link is incomplete or has expired.");
    expect(readable.details).toEqual([]);
    expect(isInvalidLink(error)).toBe(true);
  });

  it("rewrites zod's defaults for other fields, and keeps the server's own sentences", () => {
    const readable = describeApiError(
      answered({
        code: "BAD_REQUEST",
        appCode: "VALIDATION_FAILED",
        details: [
          { path: "newEmail", message: "Too big: expected string to have <=254 characters" },
          { path: "", message: 'Unrecognized key: "extra"' },
          { path: "email", message: "Enter a valid email address" },
        ],
      }),
    );
    expect(readable.details).toEqual([
      { path: "newEmail", message: "New email is too long." },
      { path: "", message: "Something you entered is not valid." },
      { path: "email", message: "Enter a valid email address" },
    ]);
  });

  it("keeps the wait a rate limit asks for", () => {
    const readable = describeApiError(
      answered({ code: "TOO_MANY_REQUESTS", appCode: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfter: 42 }),
    );
    expect(readable).toMatchObject({ message: "Too many attempts. Please wait a moment.", retryAfter: 42 });
  });
});

describe("a server that cannot be reached", () => {
  let gateway: Server;
  let gatewayUrl: string;
  let closedUrl: string;

  beforeAll(async () => {
    // What a reverse proxy answers while the API is down: a 502 whose body is not JSON.
    gateway = createServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end("Bad Gateway");
    });
    gatewayUrl = `${await listen(gateway)}/trpc`;
    const closed = createServer();
    closedUrl = `${await listen(closed)}/trpc`;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => new Promise((resolve) => gateway.close(resolve)));

  it("a proxy's Bad Gateway page reads as a calm sentence, not a JSON parser's complaint", async () => {
    const error = await failureOf(gatewayUrl);
    expect(error.message).toMatch(/not valid JSON|Unexpected token/);
    expect(isUnreachable(error)).toBe(true);
    expect(describeApiError(error)).toEqual({ kind: "unreachable", message: UNREACHABLE, details: [] });

    const html = renderToStaticMarkup(createElement(ErrorNotice, { title: "Could not log in", error }));
    expect(html).toContain("Can&#x27;t reach the server");
    expect(html).not.toContain("Unexpected token");
    expect(html).not.toContain("JSON");
  });

  it("a refused connection is unreachable too, and queries keep retrying it", async () => {
    const error = await failureOf(closedUrl);
    expect(describeApiError(error).kind).toBe("unreachable");

    const retry = createQueryClient().getDefaultOptions().queries?.retry;
    if (typeof retry !== "function") throw new Error("createQueryClient's retry is not a policy function");
    expect(retry(10, error)).toBe(true);
    const notFound = answered({ code: "NOT_FOUND", appCode: "NOT_FOUND", httpStatus: 404 });
    expect(retry(0, notFound)).toBe(false);
  });

  it("an error notice shows the sentence, not the code", () => {
    const error = answered({ code: "UNAUTHORIZED", appCode: "INVALID_CREDENTIALS", httpStatus: 401 });
    const html = renderToStaticMarkup(createElement(ErrorNotice, { title: "Could not log in", error }));
    expect(html).toContain("Email or password is incorrect.");
    expect(html).not.toMatch(/>[^<]*INVALID_CREDENTIALS/);
  });
});
