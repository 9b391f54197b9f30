import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AnyTRPCRouter } from "@trpc/server";
import { buildOpenApiDocument, type OpenApiDocument } from "./openapi.ts";
import { encodeBody, entityTag, noneMatch } from "./representation.ts";
import type { RestRoute } from "./routes.ts";

export const OPENAPI_PATH = "/api/openapi.json";
export const DOCS_PATH = "/api/docs";
const SCALAR_PATH = "/api/docs/scalar.js";

/**
 * The docs page loads only what this server serves: the Scalar bundle from our node_modules (no CDN) and the
 * document. Scalar injects its own styles, hence 'unsafe-inline' for styles only; scripts are ours alone.
 */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>plinth API reference</title>
  </head>
  <body>
    <script id="api-reference" data-url="${OPENAPI_PATH}" data-configuration='{"withDefaultFonts":false,"hideClientButton":true}'></script>
    <script src="${SCALAR_PATH}"></script>
  </body>
</html>
`;

interface Asset {
  body: Buffer;
  tag: string;
  type: string;
  cacheControl: string;
  csp?: string;
}

export interface ApiDocs {
  document: OpenApiDocument;
  /** Answers the request if it is for the document or the docs page; false otherwise. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
}

function asset(body: Buffer | string, type: string, cacheControl: string, csp?: string): Asset {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { body: bytes, tag: entityTag(bytes), type, cacheControl, ...(csp ? { csp } : {}) };
}

/** Built once per server: the document never changes while the process runs. */
export async function createApiDocs(router: AnyTRPCRouter, routes: readonly RestRoute[]): Promise<ApiDocs> {
  const document = await buildOpenApiDocument(router, routes);
  const require = createRequire(import.meta.url);
  let scalar: Promise<Asset> | undefined;
  const assets: Record<string, () => Promise<Asset>> = {
    [OPENAPI_PATH]: async () =>
      asset(JSON.stringify(document), "application/json; charset=utf-8", "no-cache"),
    [DOCS_PATH]: async () => asset(DOCS_HTML, "text/html; charset=utf-8", "no-cache", DOCS_CSP),
    [SCALAR_PATH]: () => {
      scalar ??= readFile(require.resolve("@scalar/api-reference/browser/standalone.js")).then((js) =>
        asset(js, "text/javascript; charset=utf-8", "public, max-age=3600"),
      );
      return scalar;
    },
  };
  const encoded = new Map<string, Promise<{ bytes: Buffer; headers: Record<string, string> }>>();

  return {
    document,
    async serve(req, res, pathname) {
      const load = assets[pathname];
      if (!load) return false;
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
        res.end("Method not allowed\n");
        return true;
      }
      const a = await load();
      const base = {
        "content-type": a.type,
        "cache-control": a.cacheControl,
        ...(a.csp ? { "content-security-policy": a.csp } : {}),
      };
      // The bundle is 3.5 MB: compress each coding once, not per request.
      const key = `${pathname} ${req.headers["accept-encoding"] ?? ""}`;
      let body = encoded.get(key);
      if (!body) {
        body = encodeBody(req, a.body, a.tag);
        if (encoded.size < 64) encoded.set(key, body);
      }
      const { bytes, headers } = await body;
      if (noneMatch(req.headers["if-none-match"], a.tag)) {
        res.writeHead(304, { ...base, ...headers });
        res.end();
        return true;
      }
      res.writeHead(200, { ...base, ...headers, "content-length": bytes.length });
      res.end(req.method === "HEAD" ? undefined : bytes);
      return true;
    },
  };
}
