import pino, { type Logger } from "pino";
import { describe, expect, it, vi } from "vitest";
import { requestLogger } from "./request-logger.ts";

function capture(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const parent = pino(
    { level, base: { service: "test" }, redact: { paths: ["*.password"], censor: "[redacted]" } },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { parent, lines };
}

describe("requestLogger", () => {
  it("writes what parent.child({ requestId }) writes", () => {
    const { parent, lines } = capture();
    requestLogger(parent, "req-1").info({ user: { password: "hunter2" }, n: 1 }, "hello");
    parent.child({ requestId: "req-1" }).info({ user: { password: "hunter2" }, n: 1 }, "hello");
    expect(lines).toHaveLength(2);
    const [lazy, eager] = lines.map(({ time: _, ...rest }) => rest);
    expect(lazy).toEqual(eager);
    expect(lazy).toMatchObject({
      requestId: "req-1",
      service: "test",
      msg: "hello",
      user: { password: "[redacted]" },
    });
  });

  it("makes the child only when something logs, and only once", () => {
    const { parent } = capture();
    const child = vi.spyOn(parent, "child");
    const logger = requestLogger(parent, "req-2");
    expect(child).not.toHaveBeenCalled();
    logger.info("one");
    logger.warn("two");
    expect(logger.isLevelEnabled("info")).toBe(true);
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ requestId: "req-2" });
  });

  it("skips the child for a level the parent does not write, and writes nothing for it", () => {
    const { parent, lines } = capture("info");
    const child = vi.spyOn(parent, "child");
    const logger = requestLogger(parent, "req-3");
    logger.debug({ code: "NOT_FOUND" }, "procedure rejected");
    expect(child).not.toHaveBeenCalled();
    expect(lines).toHaveLength(0);
    logger.error("boom");
    expect(lines).toEqual([expect.objectContaining({ requestId: "req-3", msg: "boom", level: 50 })]);
  });

  it("hands out children and settings of the real child", () => {
    const { parent, lines } = capture();
    const logger: Logger = requestLogger(parent, "req-4");
    logger.child({ jobId: "j1" }).info("from a grandchild");
    logger.level = "error";
    logger.info("not written");
    expect(logger.level).toBe("error");
    expect(parent.level).toBe("info");
    expect("info" in logger).toBe(true);
    expect(lines).toEqual([
      expect.objectContaining({ requestId: "req-4", jobId: "j1", msg: "from a grandchild" }),
    ]);
  });
});
