import { describe, expect, it } from "vitest";
import {
  checkPassword,
  commonPasswords,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "./password-policy.ts";

describe("password policy", () => {
  it("bounds the length at 8 and 256 code points", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(PASSWORD_MAX_LENGTH).toBe(256);
    expect(checkPassword("vq3!kx9")).toBe("TOO_SHORT"); // 7
    expect(checkPassword("vq3!kx9z")).toBeNull(); // 8
    expect(checkPassword("k".repeat(256))).toBeNull(); // 256
    expect(checkPassword("k".repeat(257))).toBe("TOO_LONG");
    expect(checkPassword("k".repeat(100_000))).toBe("TOO_LONG");
  });

  it("counts an emoji as one character, not two UTF-16 units", () => {
    const emoji = "\u{1F510}"; // 🔐, a surrogate pair
    expect(emoji.length).toBe(2);
    expect(checkPassword(emoji.repeat(7))).toBe("TOO_SHORT"); // 14 units, 7 code points
    expect(checkPassword(emoji.repeat(8))).toBeNull();
    expect(checkPassword(emoji.repeat(256))).toBeNull(); // 512 units
    expect(checkPassword(emoji.repeat(257))).toBe("TOO_LONG");
  });

  it("has no composition rules", () => {
    expect(checkPassword("all lower case words here")).toBeNull();
    expect(checkPassword("0492817365019")).toBeNull();
  });

  it("blocks a list of at least 10 000 common passwords, ignoring case", () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
    for (const p of [
      "password",
      "12345678",
      "qwertyuiop",
      "iloveyou",
      "PASSWORD",
      "Password1",
      "QwertyUIOP",
    ]) {
      expect(checkPassword(p), p).toBe("TOO_COMMON");
    }
  });

  it("accepts a long random passphrase", () => {
    expect(checkPassword("plinth-gravel-onion-x7-tundra-mauve")).toBeNull();
    expect(checkPassword("correct horse battery staple")).toBeNull();
  });

  it("refuses the account's own email, its local part and the person's name, ignoring case", () => {
    const context = { email: "Grace.Hopper@example.com", name: "Grace Hopper" };
    expect(checkPassword("grace.hopper@EXAMPLE.com", context)).toBe("TOO_COMMON");
    expect(checkPassword("GRACE.HOPPER", context)).toBe("TOO_COMMON");
    expect(checkPassword("grace hopper", context)).toBe("TOO_COMMON");
    expect(checkPassword("grace.hopper.cobol.1959", context)).toBeNull();
    expect(checkPassword("noatsignhere", { email: "noatsignhere" })).toBe("TOO_COMMON");
    expect(checkPassword("noatsignher", { email: "noatsignhere" })).toBeNull();
  });
});
