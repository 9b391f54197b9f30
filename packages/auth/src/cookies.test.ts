import { describe, expect, it } from "vitest";
import {
  type CookieOptions,
  readBearerToken,
  readSessionCookie,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionCookieName,
} from "./cookies.ts";
import { generateSessionToken } from "./tokens.ts";

const plain: CookieOptions = { secure: false, hostPrefix: false };
const secure: CookieOptions = { secure: true, hostPrefix: false };
const host: CookieOptions = { secure: true, hostPrefix: true };

const attrs = (cookie: string) => cookie.split("; ").slice(1);

describe("session cookie", () => {
  it("is named __Host-plinth_session only with hostPrefix, which requires secure", () => {
    expect(sessionCookieName(plain)).toBe("plinth_session");
    expect(sessionCookieName(secure)).toBe("plinth_session");
    expect(sessionCookieName(host)).toBe("__Host-plinth_session");
    expect(() => sessionCookieName({ secure: false, hostPrefix: true })).toThrow(/secure/);
    expect(() => serializeSessionCookie("abc", new Date(), { secure: false, hostPrefix: true })).toThrow();
  });

  it("carries HttpOnly, SameSite=Lax, Path=/, Expires and Max-Age, and no Domain", () => {
    const token = generateSessionToken();
    const expiresAt = new Date(Date.now() + 3_600_000);
    const cookie = serializeSessionCookie(token, expiresAt, plain);
    expect(cookie.startsWith(`plinth_session=${token}; `)).toBe(true);
    const list = attrs(cookie);
    expect(list).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/"]));
    expect(list).toContain(`Expires=${expiresAt.toUTCString()}`);
    const maxAge = Number(list.find((a) => a.startsWith("Max-Age="))?.slice("Max-Age=".length));
    expect(maxAge).toBeGreaterThan(3590);
    expect(maxAge).toBeLessThanOrEqual(3600);
    expect(list).not.toContain("Secure");
    expect(cookie).not.toMatch(/domain/i);
  });

  it("adds Secure when secure, and uses the __Host- name with hostPrefix", () => {
    const token = generateSessionToken();
    expect(attrs(serializeSessionCookie(token, new Date(Date.now() + 1000), secure))).toContain("Secure");
    const hostCookie = serializeSessionCookie(token, new Date(Date.now() + 1000), host);
    expect(hostCookie.startsWith(`__Host-plinth_session=${token}; `)).toBe(true);
    expect(attrs(hostCookie)).toEqual(expect.arrayContaining(["Secure", "Path=/", "HttpOnly"]));
  });

  it("never sends a negative Max-Age, and refuses a value that could inject attributes", () => {
    expect(serializeSessionCookie("abc", new Date(Date.now() - 60_000), plain)).toContain("; Max-Age=0");
    for (const bad of ["a; Domain=evil.example", "a b", "", "a,b", 'a"b']) {
      expect(() => serializeSessionCookie(bad, new Date(), plain)).toThrow();
    }
  });

  it("is cleared by an empty value with Max-Age=0", () => {
    const blank = serializeBlankSessionCookie(secure);
    expect(blank.startsWith("plinth_session=; ")).toBe(true);
    expect(attrs(blank)).toEqual(
      expect.arrayContaining([
        "Max-Age=0",
        "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        "HttpOnly",
        "Path=/",
        "Secure",
      ]),
    );
    expect(serializeBlankSessionCookie(host).startsWith("__Host-plinth_session=; ")).toBe(true);
  });
});

describe("readSessionCookie", () => {
  it("finds the value among other cookies, with or without spaces", () => {
    expect(readSessionCookie("plinth_session=abc", plain)).toBe("abc");
    expect(readSessionCookie("a=1; plinth_session=abc; b=2", plain)).toBe("abc");
    expect(readSessionCookie("a=1;plinth_session=abc;b=2", plain)).toBe("abc");
    expect(readSessionCookie("  plinth_session =  abc  ", plain)).toBe("abc");
    expect(readSessionCookie('plinth_session="abc"', plain)).toBe("abc");
  });

  it("returns null when there is no header or no such cookie", () => {
    expect(readSessionCookie(undefined, plain)).toBeNull();
    expect(readSessionCookie("", plain)).toBeNull();
    expect(readSessionCookie("a=1; b=2", plain)).toBeNull();
    expect(readSessionCookie("PLINTH_SESSION=abc", plain)).toBeNull(); // names are case-sensitive
    expect(readSessionCookie("xplinth_session=abc; plinth_session2=def", plain)).toBeNull();
  });

  it("takes the first usable value and skips malformed pairs", () => {
    expect(readSessionCookie("plinth_session=first; plinth_session=second", plain)).toBe("first");
    expect(readSessionCookie("plinth_session; plinth_session=; plinth_session=good", plain)).toBe("good");
    expect(readSessionCookie("plinth_session=a b; plinth_session=ok", plain)).toBe("ok");
    expect(readSessionCookie("plinth_session=\u00e9t\u00e9", plain)).toBeNull();
    expect(readSessionCookie(";;;=;plinth_session", plain)).toBeNull();
  });

  it("with hostPrefix reads only the __Host- cookie, which a subdomain cannot set", () => {
    expect(readSessionCookie("plinth_session=planted", host)).toBeNull();
    expect(readSessionCookie("plinth_session=planted; __Host-plinth_session=real", host)).toBe("real");
    expect(readSessionCookie("__Host-plinth_session=real", plain)).toBeNull();
  });
});

describe("readBearerToken", () => {
  it("reads the token after a case-insensitive Bearer scheme", () => {
    expect(readBearerToken("Bearer abc234")).toBe("abc234");
    expect(readBearerToken("bearer abc234")).toBe("abc234");
    expect(readBearerToken("BEARER abc234")).toBe("abc234");
    expect(readBearerToken("Bearer   abc234  ")).toBe("abc234");
    expect(readBearerToken("Bearer a-b.c_d~e+f/g==")).toBe("a-b.c_d~e+f/g==");
  });

  it("returns null for anything else", () => {
    for (const header of [
      undefined,
      "",
      "Bearer",
      "Bearer ",
      "Bearerabc",
      "Basic YTpi",
      "Bearer a b",
      "Token abc",
      " Bearer abc",
      "Bearer ab=c",
    ]) {
      expect(readBearerToken(header), String(header)).toBeNull();
    }
  });
});
