import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type OpenApiDocument, operations } from "./document.ts";

const DOC_ID = "plinth-openapi";

/** JSON Pointer escaping (RFC 6901) for a `$ref` into the document. */
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

interface Route {
  method: string;
  pattern: RegExp;
  template: string;
  statuses: Map<string, { ref: string | null }>;
}

/**
 * Checks real responses against the document: the operation must exist for the method and path, the status must
 * be documented for it, and a JSON body must validate against the documented schema (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1). Every mismatch is kept, so a test can assert that none happened.
 */
export class ResponseValidator {
  readonly problems: string[] = [];
  checked = 0;
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    addFormats.default(this.ajv);
    // The whole document is one schema resource, so `$ref: "#/components/schemas/X"` inside it resolves.
    this.ajv.addSchema({ ...doc, $id: DOC_ID } as object);
    const prefix = new URL(doc.servers?.[0]?.url ?? "/", "http://x").pathname.replace(/\/$/, "");
    this.routes = operations(doc).map(({ method, template, operation }) => {
      const docPath = template.slice(prefix.length);
      const statuses = new Map<string, { ref: string | null }>();
      for (const [status, declared] of Object.entries(operation.responses)) {
        // A shared response (`$ref: "#/components/responses/NotFound"`) is followed to where its schema lives.
        const shared = sharedResponseName(declared);
        const response = shared ? doc.components?.responses?.[shared] : declared;
        const where = shared
          ? ["components", "responses", shared]
          : ["paths", docPath, method, "responses", status];
        statuses.set(status, {
          ref: response?.content?.["application/json"]?.schema
            ? `${DOC_ID}#/${pointer(...where, "content", "application/json", "schema")}`
            : null,
        });
      }
      return { method, template, pattern: templatePattern(template), statuses };
    });
  }

  /** The documented operation for a request, preferring literal segments over parameters (`/me` over `/{id}`). */
  private route(method: string, pathname: string): Route | undefined {
    const candidates = this.routes.filter((r) => r.method === method && r.pattern.test(pathname));
    return candidates.sort((a, b) => braces(a.template) - braces(b.template))[0];
  }

  async check(method: string, url: string, response: Response): Promise<void> {
    this.checked++;
    const { pathname } = new URL(url);
    const where = `${method.toUpperCase()} ${pathname} -> ${response.status}`;
    const route = this.route(method.toLowerCase(), pathname);
    if (!route) {
      this.problems.push(`${where}: no operation in the document`);
      return;
    }
    const status = route.statuses.get(String(response.status)) ?? route.statuses.get("default");
    if (!status) {
      this.problems.push(`${where}: status not documented for ${route.template}`);
      return;
    }
    const text = await response.clone().text();
    if (text === "") {
      if (status.ref) this.problems.push(`${where}: documented a JSON body, got none`);
      return;
    }
    if (!status.ref) {
      this.problems.push(`${where}: answered a body the document does not describe`);
      return;
    }
    if (!/^application\/json/.test(response.headers.get("content-type") ?? "")) {
      this.problems.push(`${where}: content-type ${response.headers.get("content-type")}`);
      return;
    }
    const validate = this.validator(status.ref);
    if (!validate(JSON.parse(text))) {
      this.problems.push(
        `${where}: body does not match ${route.template}: ${this.ajv.errorsText(validate.errors)}`,
      );
    }
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    return validate;
  }
}

/** `/orgs/{id}/tasks` -> /^\/orgs\/[^/]+\/tasks$/ */
function templatePattern(template: string): RegExp {
  const segments = template
    .split("/")
    .map((segment) =>
      /^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    );
  return new RegExp(`^${segments.join("/")}$`);
}

function sharedResponseName(response: unknown): string | undefined {
  const ref = (response as { $ref?: unknown }).$ref;
  const prefix = "#/components/responses/";
  return typeof ref === "string" && ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

const braces = (template: string) => (template.match(/\{/g) ?? []).length;
