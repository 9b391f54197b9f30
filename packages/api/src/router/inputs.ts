import { z } from "zod";

/** Trimmed, syntactically valid, at most 254 characters (RFC 5321's path limit). */
export const emailInput = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: "Enter a valid email address" }));
/** New passwords: the length policy in code points is checked by `checkPassword`; this only bounds the payload. */
export const newPasswordInput = z.string().max(1024);
/** Existing passwords are checked exactly as received. */
export const passwordInput = z.string().min(1).max(1024);
export const nameInput = z.string().trim().min(1, { error: "Enter a name" }).max(200);
/** Single-use tokens are 52 base32 characters; anything far off is rejected before a query. */
export const tokenInput = z.string().min(16).max(128);
/** Browsers get an HttpOnly cookie; API clients ask for the token in the response and send it as a Bearer. */
export const sessionTransportInput = z.enum(["cookie", "bearer"]).default("cookie");
