import { hash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Bodies below this are sent as they are: compressing them saves less than the headers and CPU cost. */
export const COMPRESS_MIN_BYTES = 1024;

export type Coding = "br" | "gzip";

/**
 * A strong entity tag for the identity (uncompressed) bytes: the first 128 bits of their SHA-256, base64url.
 * A compressed representation gets the coding appended (`"…-br"`), as Apache does, so caches never mix them up;
 * conditional requests compare the part before the suffix (`sameEntity`).
 */
export function entityTag(body: Buffer | string): string {
  // The one-shot hash: a Hash object per answer cost several µs more (docs/decisions/029-lean-response-path.md).
  return `"${hash("sha256", body, "base64url").slice(0, 22)}"`;
}

const withCoding = (tag: string, coding: Coding | undefined) =>
  coding ? `${tag.slice(0, -1)}-${coding}"` : tag;

/** The tags listed in an If-Match / If-None-Match value; `*` is `["*"]`. Weak tags keep their `W/`. */
function listedTags(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

/** The tag with any coding suffix removed, so `"abc-br"` and `"abc"` name the same entity. */
const baseTag = (tag: string) => tag.replace(/-(br|gzip)"$/, '"');

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): `W/` is ignored. */
export function noneMatch(header: string | undefined, tag: string): boolean {
  return listedTags(header).some((t) => t === "*" || baseTag(t.replace(/^W\//, "")) === tag);
}

/** If-Match uses the strong comparison (RFC 9110 13.1.1): a weak tag never matches; `*` matches any entity. */
export function ifMatchHolds(header: string, tag: string): boolean {
  return listedTags(header).some((t) => t === "*" || (!t.startsWith("W/") && baseTag(t) === tag));
}

/**
 * The coding to answer with, by the caller's Accept-Encoding q-values (RFC 9110 12.5.3): brotli when it is at
 * least as welcome as gzip, `*` standing for any coding not named, q=0 refusing one.
 */
export function chooseCoding(header: string | string[] | undefined): Coding | undefined {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  const q = new Map<string, number>();
  for (const part of value.split(",")) {
    const [name, ...rest] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (coding: Coding) => q.get(coding) ?? q.get("*") ?? 0;
  const br = weight("br");
  const gz = Math.max(weight("gzip"), q.get("x-gzip") ?? 0);
  if (br > 0 && br >= gz) return "br";
  if (gz > 0) return "gzip";
  return undefined;
}

/**
 * A body sent as it is (`size` is its length in bytes). `encodeBody` answers with this when it does not compress;
 * a caller that knows the body is too small to compress can skip the asynchronous call.
 */
export function identityBody<Body extends Buffer | string>(
  body: Body,
  size: number,
  tag: string | undefined,
) {
  const headers: Record<string, string> = { vary: "accept-encoding" };
  if (tag) headers.etag = tag;
  return { bytes: body, length: size, headers };
}

/**
 * The body to send and the headers that describe them, compressed when it is worth it and allowed. A string (UTF-8
 * text) that is not compressed stays a string: Node then writes it with the head in one chunk.
 */
export async function encodeBody<Body extends Buffer | string>(
  req: IncomingMessage,
  body: Body,
  tag: string | undefined,
): Promise<{ bytes: Body | Buffer; length: number; headers: Record<string, string> }> {
  const size = typeof body === "string" ? Buffer.byteLength(body) : body.length;
  const coding = size >= COMPRESS_MIN_BYTES ? chooseCoding(req.headers["accept-encoding"]) : undefined;
  if (!coding) return identityBody(body, size, tag);
  const headers: Record<string, string> = { vary: "accept-encoding" };
  if (tag) headers.etag = withCoding(tag, coding);
  headers["content-encoding"] = coding;
  // Brotli's default quality (11) is for static files; 4 compresses JSON about as well as gzip -6, faster.
  const bytes =
    coding === "br"
      ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
      : await gzipAsync(body);
  return { bytes, length: bytes.length, headers };
}
