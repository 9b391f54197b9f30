/** Raw HTTP calls against a spawned server, as an outside client sees them: status, code, Retry-After. */
export interface CallOutcome {
  status: number;
  appCode: string | undefined;
  retryAfter: string | null;
  ms: number;
}

export async function call(
  base: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CallOutcome> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: init.body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify({ json: init.body }) }),
    signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let appCode: string | undefined;
  try {
    const parsed = JSON.parse(text) as { error?: { json?: { data?: { appCode?: string } } } };
    appCode = parsed.error?.json?.data?.appCode;
  } catch {
    appCode = undefined;
  }
  return {
    status: res.status,
    appCode,
    retryAfter: res.headers.get("retry-after"),
    ms: performance.now() - started,
  };
}

export const trpcInput = (input: unknown) => `input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** Polls until `check` passes, or throws with the last outcome after `timeoutMs`. */
export async function until<T>(
  what: string,
  attempt: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (check(value)) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}
