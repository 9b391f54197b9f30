import type { User } from "@plinth/db";
import { z } from "zod";
import {
  emailInput,
  nameInput,
  newPasswordInput,
  passwordInput,
  sessionTransportInput,
  text,
  tokenInput,
} from "../../core/inputs.ts";

// Inputs of `auth.*` (signed out or in) and `account.*` (signed in).

export const signupInput = z.strictObject({
  email: emailInput,
  password: newPasswordInput,
  name: nameInput,
  sessionTransport: sessionTransportInput,
});

export const loginInput = z.strictObject({
  email: emailInput,
  password: passwordInput,
  sessionTransport: sessionTransportInput,
  /** A bearer client's known-device token from an earlier sign-in; browsers send it as a cookie. */
  deviceToken: tokenInput.optional(),
});

export const oneTimeTokenInput = z.strictObject({ token: tokenInput });
export const requestPasswordResetInput = z.strictObject({ email: emailInput });
export const resetPasswordInput = z.strictObject({ token: tokenInput, password: newPasswordInput });
export const revokeSessionInput = z.strictObject({ handle: text({ max: 32 }).regex(/^[0-9a-f]{32}$/) });
export const changePasswordInput = z.strictObject({
  currentPassword: passwordInput,
  newPassword: newPasswordInput,
});
export const requestEmailChangeInput = z.strictObject({
  newEmail: emailInput,
  currentPassword: passwordInput,
});

export type SignupInput = z.output<typeof signupInput>;
export type LoginInput = z.output<typeof loginInput>;

// Outputs.

/** What a signed-in user sees of their own account. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: User["role"];
  emailVerified: boolean;
  createdAt: Date;
}

export const toMe = (u: User): Me => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  emailVerified: u.email_verified_at !== null,
  createdAt: u.created_at,
});

/** One of the caller's sessions, by its public handle (identity.policy.ts). */
export interface SessionView {
  handle: string;
  current: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}
