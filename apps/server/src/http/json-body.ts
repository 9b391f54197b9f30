import type { IncomingMessage } from "node:http";
import { TRPCError } from "@trpc/server";
import { readBody } from "./read-body.ts";

/**
 * The JSON body rule both transports (tRPC and REST) apply: only `application/json` (form, multipart and
 * text/plain bodies are what a cross-site form can send without a preflight) -> else 415; at most `limit` bytes
 * -> else BodyTooLargeError (413); well-formed JSON -> else 400 with a fixed message. An empty body is `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const contentType = req.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Request body must be application/json" });
  }
  const text = await readBody(req, limit);
  return text.trim() === "" ? undefined : parseJson(text);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TRPCError({ code: "PARSE_ERROR", message: "Malformed JSON", cause });
  }
}
