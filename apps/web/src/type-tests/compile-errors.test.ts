import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type RunResult, runPackageBin } from "../../test/support/run-package-bin.ts";

const webDir = fileURLToPath(new URL("../..", import.meta.url));
const fixture = fileURLToPath(new URL("fixtures/wrong-calls.ts", import.meta.url));
const fixtureTsconfig = fileURLToPath(new URL("fixtures/tsconfig.json", import.meta.url));

interface Expectation {
  line: number;
  code: string;
  text: string;
}

interface Diagnostic {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** The fixture marks each line that must fail: `// error TS2322 'number' is not assignable ...`. */
function expectationsIn(source: string): Expectation[] {
  return source.split("\n").flatMap((lineText, index) => {
    const match = /\/\/ error (TS\d+) (.+)$/.exec(lineText);
    return match?.[1] && match[2] ? [{ line: index + 1, code: match[1], text: match[2] }] : [];
  });
}

/** `path(line,col): error TS1234: message`, as tsc prints with --pretty false (TS7 keeps tsc 5's format). */
function parseDiagnostics(output: string): Diagnostic[] {
  return [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({
    file: m[1] ?? "",
    line: Number(m[2]),
    code: m[3] ?? "",
    message: m[4] ?? "",
  }));
}

describe("tsc rejects wrong calls to the router", () => {
  const expectations = expectationsIn(readFileSync(fixture, "utf8"));
  let result: RunResult;
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    result = await runPackageBin(
      "typescript",
      ["--noEmit", "--pretty", "false", "-p", fixtureTsconfig],
      webDir,
    );
    diagnostics = parseDiagnostics(result.stdout);
  });

  it("the fixture covers a wrong input type, a missing field and an unknown procedure", () => {
    expect(expectations.map((e) => e.code)).toEqual(expect.arrayContaining(["TS2322", "TS2741", "TS2339"]));
  });

  it("exits non-zero", () => {
    expect(result.code).not.toBe(0);
  });

  it.each(expectations)("reports $code at line $line", ({ line, code, text }) => {
    const here = diagnostics.filter((d) => d.file.endsWith("wrong-calls.ts") && d.line === line);
    expect(here.map((d) => d.code)).toEqual([code]);
    expect(here[0]?.message).toContain(text);
  });

  it("reports nothing else, so the correct calls and the app's own types compile", () => {
    const unexpected = diagnostics.filter(
      (d) => !(d.file.endsWith("wrong-calls.ts") && expectations.some((e) => e.line === d.line)),
    );
    expect(unexpected).toEqual([]);
    // Every error line tsc printed was parsed: a format change would otherwise hide diagnostics from the checks above.
    expect(diagnostics.length).toBe(result.stdout.split("\n").filter((l) => / error TS\d+: /.test(l)).length);
    expect(result.stderr).toBe("");
  });
});
