import { describe, expect, it } from "vitest";
import { isTrustedOrigin } from "./csrf.ts";

const allowed = new Set(["https://app.example.com", "http://localhost:5173"]);

describe("isTrustedOrigin", () => {
  it("accepts an allowed Origin, exactly", () => {
    expect(isTrustedOrigin({ origin: "https://app.example.com" }, allowed)).toBe(true);
    expect(isTrustedOrigin({ origin: "http://localhost:5173", "sec-fetch-site": "same-site" }, allowed)).toBe(
      true,
    );
  });

  it("rejects a cross-origin Origin, however close", () => {
    for (const origin of [
      "https://evil.example",
      "http://app.example.com", // scheme differs
      "https://app.example.com:8443", // port differs
      "https://app.example.com.evil.example",
      "https://app.example.com/",
      "http://localhost:5174",
      "",
    ]) {
      expect(isTrustedOrigin({ origin, "sec-fetch-site": "same-origin" }, allowed), origin).toBe(false);
    }
  });

  it("never trusts the opaque origin null", () => {
    expect(isTrustedOrigin({ origin: "null", "sec-fetch-site": "same-origin" }, new Set(["null"]))).toBe(
      false,
    );
  });

  it("does not trust an Origin just because it matches Host (DNS rebinding)", () => {
    expect(isTrustedOrigin({ origin: "http://rebind.example", host: "rebind.example" }, allowed)).toBe(false);
  });

  it("without Origin, trusts Sec-Fetch-Site: same-origin only", () => {
    expect(isTrustedOrigin({ "sec-fetch-site": "same-origin" }, allowed)).toBe(true);
    expect(isTrustedOrigin({ "sec-fetch-site": "cross-site" }, allowed)).toBe(false);
    expect(isTrustedOrigin({ "sec-fetch-site": "same-site" }, allowed)).toBe(false);
    expect(isTrustedOrigin({ "sec-fetch-site": "none" }, allowed)).toBe(false);
  });

  it("rejects a request with neither header", () => {
    expect(isTrustedOrigin({}, allowed)).toBe(false);
    expect(isTrustedOrigin({ host: "app.example.com" }, allowed)).toBe(false);
  });
});
