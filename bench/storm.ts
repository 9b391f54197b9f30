/**
 * `--login-storm`: sign-ins at a fixed rate (open loop: a slow answer does not slow the storm down, as real users
 * would not wait for each other), each one an argon2id verify on the server, while W1 runs. As real sign-ins do,
 * they come from many addresses (through a trusted proxy's X-Forwarded-For) to many accounts, so the per-IP and
 * per-account sign-in limits see what they would in production, not one client's burst.
 */
import { performance } from "node:perf_hooks";
import { stormAccounts } from "./database.ts";
import { median, percentile } from "./measure.ts";

export interface StormStats {
  sent: number;
  ok: number;
  /** Status codes of the sign-ins that did not answer 200 (a 429 or 503 says the server shed them). */
  failed: Record<string, number>;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface Storm {
  stop(): Promise<StormStats>;
}

export function startLoginStorm(baseUrl: string, perSecond: number): Storm {
  const bodies = stormAccounts.emails.map((email) =>
    JSON.stringify({ json: { email, password: stormAccounts.password, sessionTransport: "bearer" } }),
  );
  const pending = new Set<Promise<void>>();
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  let sent = 0;
  const started = performance.now();
  const fire = () => {
    const n = sent++;
    const t0 = performance.now();
    const done = fetch(`${baseUrl}/trpc/auth.login`, {
      method: "POST",
      // A documentation-range address (RFC 5737) per sign-in.
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${n % 250}` },
      body: bodies[n % bodies.length] ?? "",
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status === 200) latencies.push(performance.now() - t0);
        else failed[res.status] = (failed[res.status] ?? 0) + 1;
      })
      .catch(() => {
        failed.error = (failed.error ?? 0) + 1;
      })
      .finally(() => pending.delete(done));
    pending.add(done);
  };
  // One timer tick per sign-in; the next is due at started + n / rate, so timer lateness does not lower the rate.
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    const due = started + ((sent + 1) * 1000) / perSecond;
    timer = setTimeout(
      () => {
        fire();
        schedule();
      },
      Math.max(0, due - performance.now()),
    );
  };
  schedule();
  return {
    async stop() {
      clearTimeout(timer);
      const elapsed = (performance.now() - started) / 1000;
      await Promise.allSettled([...pending]);
      return {
        sent,
        ok: latencies.length,
        failed,
        perSecond: sent / elapsed,
        p50Ms: median(latencies),
        p99Ms: percentile(
          [...latencies].sort((a, b) => a - b),
          99,
        ),
      };
    },
  };
}
