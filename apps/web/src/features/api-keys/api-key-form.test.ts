import { describe, expect, it } from "vitest";
import { describeScopes, keyState, maskedToken, toCreateInput } from "./api-key-form.ts";

describe("api key form", () => {
  it("turns the checkboxes into scopes and the expiry choice into days", () => {
    expect(toCreateInput({ name: "CI", read: true, write: false, expiry: "30" })).toEqual({
      name: "CI",
      scopes: ["read"],
      expiresInDays: 30,
    });
    expect(toCreateInput({ name: "CI", read: true, write: true, expiry: "never" })).toEqual({
      name: "CI",
      scopes: ["read", "write"],
    });
    // Nothing ticked is sent as it is: the server answers with the field's message.
    expect(toCreateInput({ name: "x", read: false, write: false, expiry: "" }).scopes).toEqual([]);
  });

  it("marks a key expired from its expiry on", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    expect(keyState({ expiresAt: null }, now)).toBe("active");
    expect(keyState({ expiresAt: new Date("2030-01-01T00:00:01Z") }, now)).toBe("active");
    expect(keyState({ expiresAt: now }, now)).toBe("expired");
  });

  it("describes scopes and shows only the public part of a key", () => {
    expect(describeScopes(["read"])).toBe("read only");
    expect(describeScopes(["write", "read"])).toBe("read and write");
    expect(describeScopes(["write"])).toBe("read and write");
    expect(maskedToken({ publicId: "abcdefghijkl" })).toBe("plinth_abcdefghijkl_…");
  });
});
