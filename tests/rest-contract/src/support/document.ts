/** The live OpenAPI document, as the server serves it. */
export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation | unknown>>;
  components?: { responses?: Record<string, ResponseObject>; [section: string]: unknown };
}

export interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, unknown>;
}

export interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<
    string,
    { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
  >;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export async function fetchDocument(baseUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${baseUrl}/api/openapi.json`);
  if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

/** The path prefix of the first server entry ("" when it names none), so `/tasks` can be matched as `/api/v1/tasks`. */
export function serverPrefix(doc: OpenApiDocument): string {
  const first = doc.servers?.[0]?.url;
  if (!first) return "";
  const path = new URL(first, "http://x").pathname;
  return path === "/" ? "" : path.replace(/\/$/, "");
}

/** Every operation of the document: its method, full path template, and the operation object. */
export function operations(
  doc: OpenApiDocument,
): { method: string; template: string; operation: Operation }[] {
  const prefix = serverPrefix(doc);
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m] !== undefined).map((method) => ({
      method,
      template: `${prefix}${path}`,
      operation: item[method] as Operation,
    })),
  );
}
