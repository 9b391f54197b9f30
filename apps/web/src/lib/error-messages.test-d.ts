/**
 * The map must stay total over the server's codes: a `Partial<…>` or a `Record<string, …>` here would let a new
 * appCode reach people as a fallback instead of failing `pnpm typecheck` where the sentence belongs.
 */
import type { AppErrorCode } from "@plinth/api";
import { expectTypeOf, test } from "vitest";
import { appCodeMessages } from "./error-messages.ts";

test("every appCode has a sentence, and nothing else does", () => {
  expectTypeOf(appCodeMessages).toEqualTypeOf<Record<AppErrorCode, string>>();
});
