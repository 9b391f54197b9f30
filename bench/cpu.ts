/**
 * What a process spent, read from Linux's /proc, so the servers need no change to be measured: CPU time (user +
 * system) from /proc/<pid>/stat, resident memory from /proc/<pid>/status. CPU per request is much less sensitive
 * to a busy machine than req/s: a process that waits for a core does not burn CPU while it waits.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type pg from "pg";

/** Clock ticks per second, the unit of /proc/<pid>/stat's utime and stime (100 on every common Linux). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time the process has used so far, in microseconds (resolution: one tick, 10 ms), or 0 if it is gone. */
export function cpuMicros(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return 0;
  }
  // The command name (field 2) is in parentheses and may contain spaces; fields count from after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1e6) / ticksPerSecond;
}

export interface Memory {
  /** Resident set size now, in KiB. */
  rssKiB: number;
  /** Peak resident set size since the process started (VmHWM), in KiB. */
  peakKiB: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssKiB: field("VmRSS"), peakKiB: field("VmHWM") };
}

/**
 * The local TCP ports of `pid`'s connections to `serverPort` (PostgreSQL's), from /proc/<pid>/fd's socket inodes
 * and /proc/net/tcp{,6}. pg_stat_activity's client_port then names the backends that serve that process and no
 * other: other servers, other helpers' benches and tests may share the PostgreSQL cluster, even the database.
 */
function clientPorts(pid: number, serverPort: number): number[] {
  const inodes = new Set<string>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // The descriptor closed between the listing and the read.
    }
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1]?.split(":")[1];
      const remote = f[2]?.split(":")[1];
      const inode = f[9];
      if (local && remote && inode && inodes.has(inode) && Number.parseInt(remote, 16) === serverPort)
        ports.push(Number.parseInt(local, 16));
    }
  }
  return ports;
}

/**
 * The CPU of the PostgreSQL backends serving the process `pid`, as a snapshot per backend pid. The difference of
 * two snapshots is what PostgreSQL spent on that process's queries in between. A backend that started in between
 * counts from zero; one that ended in between is lost, which the servers' pools (30 s idle timeout) make rare
 * during a run.
 */
export async function pgBackendCpu(client: pg.Client, pid: number): Promise<Map<number, number>> {
  const ports = clientPorts(pid, client.port);
  if (ports.length === 0) return new Map();
  const { rows } = await client.query<{ pid: number }>(
    "select pid from pg_stat_activity where client_port = any($1::int[]) and client_addr is not distinct from inet_client_addr()",
    [ports],
  );
  return new Map(rows.map((r) => [r.pid, cpuMicros(r.pid)]));
}

export function pgCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, micros] of after) total += micros - (before.get(pid) ?? 0);
  return total;
}
