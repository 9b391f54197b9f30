import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError, formatError } from "./error-formatter.ts";
import { AppError } from "./errors.ts";

const shape = (code: TRPCError["code"], httpStatus: number) => ({
  message: "raw message",
  code: -32603 as const,
  data: { code, httpStatus, path: "x.y", stack: "Error: raw\n    at secret.ts:1" },
});

describe("error formatter", () => {
  it("passes domain errors through with their code and details", () => {
    const error = new AppError("CONFLICT", "Already there", {
      details: [{ path: "email", message: "taken" }],
    });
    expect(describeError(error)).toEqual({
      message: "Already there",
      appCode: "CONFLICT",
      details: [{ path: "email", message: "taken" }],
    });
  });

  it("flattens zod issues into {path, message}", () => {
    const parsed = z
      .strictObject({ a: z.object({ b: z.string() }), c: z.number() })
      .safeParse({ a: { b: 1 }, c: "x", d: 1 });
    const error = new TRPCError({ code: "BAD_REQUEST", cause: parsed.error });
    const described = describeError(error);
    expect(described.appCode).toBe("VALIDATION_FAILED");
    expect(described.details?.map((d) => d.path).sort()).toEqual(["", "a.b", "c"]);
  });

  it("hides the message of internal errors and drops every stack", () => {
    const error = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "password=hunter2",
      cause: new Error("x"),
    });
    const formatted = formatError({
      shape: shape("INTERNAL_SERVER_ERROR", 500),
      error,
      ctx: { requestId: "rid-12345678" },
    });
    expect(formatted.message).toBe("Internal server error");
    expect(JSON.stringify(formatted)).not.toMatch(/hunter2|stack|secret\.ts/);
    expect(formatted.data).toEqual({
      code: "INTERNAL_SERVER_ERROR",
      appCode: "INTERNAL",
      httpStatus: 500,
      path: "x.y",
      requestId: "rid-12345678",
    });
  });

  it("hides messages of errors it has no code for", () => {
    const error = new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: "select * from secrets" });
    expect(describeError(error)).toEqual({ message: "Internal server error", appCode: "INTERNAL" });
  });
});
