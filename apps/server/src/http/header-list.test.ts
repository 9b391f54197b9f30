import { createServer, type OutgoingHttpHeader } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { type HeaderRecord, headerList } from "./header-list.ts";

/** What the list means: name/value pairs, in order. */
const pairs = (list: OutgoingHttpHeader[]) => {
  const out: [string, OutgoingHttpHeader][] = [];
  for (let i = 0; i < list.length; i += 2) out.push([list[i] as string, list[i + 1] as OutgoingHttpHeader]);
  return out;
};

describe("headerList", () => {
  it("merges as object spreads do: later records win, each name once", () => {
    const records: (HeaderRecord | undefined)[] = [
      { "x-request-id": "r1", vary: "origin", "x-content-type-options": "nosniff" },
      undefined,
      { "set-cookie": ["a=1", "b=2"], "retry-after": "3" },
      { "content-type": "application/json", vary: "origin, accept", "content-length": 12 },
    ];
    const spread = Object.assign({}, ...records.filter(Boolean));
    const list = headerList(records);
    expect(Object.fromEntries(pairs(list))).toEqual(spread);
    expect(pairs(list).map(([name]) => name)).toHaveLength(Object.keys(spread).length);
  });

  it("ignores inherited names and gives an empty list for no headers", () => {
    const inherited = Object.create({ "x-inherited": "no" }) as Record<string, string>;
    inherited["x-own"] = "yes";
    expect(headerList([inherited])).toEqual(["x-own", "yes"]);
    expect(headerList([])).toEqual([]);
    expect(headerList([undefined, {}])).toEqual([]);
  });

  it("is what node:http writes: every header once, arrays as repeated lines", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(
        201,
        headerList([
          { vary: "origin", "x-a": "1" },
          { "set-cookie": ["a=1", "b=2"] },
          { vary: "origin, accept", "content-length": 2 },
        ]),
      );
      res.end("ok");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(201);
      expect(res.headers.get("vary")).toBe("origin, accept");
      expect(res.headers.get("x-a")).toBe("1");
      expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
      expect(await res.text()).toBe("ok");
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
