import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import {
  generateOneTimeToken,
  generateSessionToken,
  hashToken,
  isOneTimeTokenShape,
  isSessionTokenShape,
} from "./tokens.ts";

describe("tokens", () => {
  it("makes 32-character session tokens (160 bits) in lower-case base32", () => {
    for (let i = 0; i < 100; i++) {
      const token = generateSessionToken();
      expect(token).toMatch(/^[a-z2-7]{32}$/);
      expect(isSessionTokenShape(token)).toBe(true);
    }
  });

  it("makes 52-character one-time tokens (256 bits) in lower-case base32", () => {
    for (let i = 0; i < 100; i++) {
      const token = generateOneTimeToken();
      expect(token).toMatch(/^[a-z2-7]{52}$/);
      expect(isOneTimeTokenShape(token)).toBe(true);
    }
  });

  it("never repeats over 1000 tokens of each kind", () => {
    const sessions = new Set(Array.from({ length: 1000 }, generateSessionToken));
    const oneTime = new Set(Array.from({ length: 1000 }, generateOneTimeToken));
    expect(sessions.size).toBe(1000);
    expect(oneTime.size).toBe(1000);
  });

  it("hashes to 64 hex characters, deterministically, as SHA-256 of the UTF-8 bytes", () => {
    const token = generateSessionToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(generateSessionToken()));
    // Known answer: SHA-256("abc").
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes exactly as the Lucia guide's @oslojs/crypto SHA-256 did, so stored session ids stay valid", () => {
    const inputs = [
      "",
      generateSessionToken(),
      generateOneTimeToken(),
      "ana@example.com",
      "Zoë.Ünïcode@exämple.com",
      "\u{1F600} emoji",
      "lone \ud800 surrogate",
      "x".repeat(1000),
    ];
    for (const input of inputs) {
      expect(hashToken(input)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(input))));
    }
  });

  it("tells the two shapes apart and refuses look-alikes", () => {
    const session = generateSessionToken();
    expect(isOneTimeTokenShape(session)).toBe(false);
    expect(isSessionTokenShape(generateOneTimeToken())).toBe(false);
    for (const bad of [
      "",
      session.toUpperCase(),
      session.slice(1),
      `${session}a`,
      `${session.slice(1)}1`,
      ` ${session.slice(1)}`,
    ]) {
      expect(isSessionTokenShape(bad)).toBe(false);
    }
  });
});
