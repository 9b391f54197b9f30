import type { Logger } from "pino";

/** What a request logger holds until something logs: the parent and the id to bind. */
interface Pending {
  parent: Logger;
  requestId: string;
  child: Logger | undefined;
}

const childOf = (pending: Pending): Logger =>
  (pending.child ??= pending.parent.child({ requestId: pending.requestId }));

/**
 * Every use of the logger is a use of the child: made on the first one, then reused. Methods come back bound to
 * the child, since pino's read their state from `this`.
 */
const handler: ProxyHandler<Pending> = {
  get(pending, property) {
    // A level the parent does not write (a client error's debug line at LOG_LEVEL=info) needs no child: the
    // parent's method for it is pino's no-op.
    if (pending.child === undefined && typeof property === "string") {
      const { parent } = pending;
      if (parent.levels.values[property] !== undefined && !parent.isLevelEnabled(property)) {
        return Reflect.get(parent, property, parent);
      }
    }
    const child = childOf(pending);
    const value: unknown = Reflect.get(child, property, child);
    return typeof value === "function" ? value.bind(child) : value;
  },
  set: (pending, property, value) => Reflect.set(childOf(pending), property, value),
  has: (pending, property) => Reflect.has(childOf(pending), property),
};

/**
 * The request's logger (`parent.child({ requestId })`), made only when something uses it.
 *
 * Most requests log nothing but their request line, which names the request id itself, yet each needs a
 * `Logger` in its context. A pino child costs about a microsecond with plinth's redaction paths (pino runs the
 * wildcard redactor over the bindings), a tenth of what the rest of a `health.live` call costs. A getter on the
 * context would defer it too, but an accessor in the context made every read of the context slower (ADR 029);
 * this proxy is an ordinary value in an ordinary field (docs/decisions/031-fewer-promises-per-call.md).
 */
export function requestLogger(parent: Logger, requestId: string): Logger {
  return new Proxy<Pending>({ parent, requestId, child: undefined }, handler) as unknown as Logger;
}
