import type { AppErrorShape, AppRouter } from "@plinth/api";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf, needsGeneralError } from "./form-errors.ts";

const invalid = (details: { path: string; message: string }[]) => {
  const shape: AppErrorShape = {
    message: "Invalid input",
    code: -32600,
    data: { code: "BAD_REQUEST", appCode: "VALIDATION_FAILED", httpStatus: 400, details },
  };
  return TRPCClientError.from<AppRouter>({ error: shape });
};

describe("fieldErrorsOf", () => {
  it("puts a sentence next to the field, not zod's description of the schema", () => {
    const error = invalid([
      { path: "password", message: "Too small: expected string to have >=1 characters" },
      { path: "email", message: "Enter a valid email address" },
    ]);
    expect(fieldErrorsOf(error, ["email", "password"] as const)).toEqual({
      password: "Password is too short.",
      email: "Enter a valid email address",
    });
    expect(needsGeneralError(error, ["email", "password"])).toBe(false);
  });
});
