import { AppError } from "@plinth/api";
import type { RestMethod, RestRoute } from "./routes.ts";

/** One path template and the routes (one per method) served at it. */
interface CompiledPath {
  pattern: RegExp;
  names: string[];
  byMethod: Map<RestMethod, RestRoute>;
}

export type RouteMatch =
  | { kind: "route"; route: RestRoute; params: Record<string, string> }
  /** The path exists, the method does not: 405 with these in `Allow`. */
  | { kind: "method_not_allowed"; allow: RestMethod[] }
  | { kind: "not_found" };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Compiles the route table once; `match` then costs one regex test per distinct path template. */
export function compileRoutes(routes: readonly RestRoute[]) {
  const paths = new Map<string, CompiledPath>();
  for (const route of routes) {
    let compiled = paths.get(route.path);
    if (!compiled) {
      const names: string[] = [];
      const source = route.path
        .split("/")
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param?.[1]) return escapeRegExp(segment);
          names.push(param[1]);
          return "([^/]+)";
        })
        .join("/");
      compiled = { pattern: new RegExp(`^${source}$`), names, byMethod: new Map() };
      paths.set(route.path, compiled);
    }
    if (compiled.byMethod.has(route.method)) throw new Error(`Duplicate route ${route.method} ${route.path}`);
    compiled.byMethod.set(route.method, route);
  }
  // Literal paths first, so `/invitations/preview` never loses to a `{param}` at the same depth.
  const ordered = [...paths.values()].sort((a, b) => a.names.length - b.names.length);

  return function match(method: string, path: string): RouteMatch {
    for (const compiled of ordered) {
      const found = compiled.pattern.exec(path);
      if (!found) continue;
      const route = compiled.byMethod.get(method as RestMethod);
      if (!route) return { kind: "method_not_allowed", allow: [...compiled.byMethod.keys()] };
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        params[name] = decodeSegment(found[i + 1] ?? "");
      });
      return { kind: "route", route, params };
    }
    return { kind: "not_found" };
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (cause) {
    throw new AppError("MALFORMED_REQUEST", "Malformed percent-encoding in the path", { cause });
  }
}
