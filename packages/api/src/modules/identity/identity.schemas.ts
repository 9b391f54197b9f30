import { type User, userRoles } from "@plinth/db";
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

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts).

/** What a signed-in user sees of their own account. */
export const meOutput = z
  .strictObject({
    id: z.uuid(),
    email: z.string().describe("The account's verified or pending sign-in address"),
    name: z.string(),
    role: z.enum(userRoles).describe("`admin` may use the admin procedures"),
    emailVerified: z.boolean(),
    createdAt: z.date(),
  })
  .meta({ id: "Me", description: "The signed-in account" });
export type Me = z.infer<typeof meOutput>;

export const toMe = (u: User): Me => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  emailVerified: u.email_verified_at !== null,
  createdAt: u.created_at,
});

/** `auth.me`: the signed-in account, or null when signed out (not an error). */
export const maybeMeOutput = meOutput.nullable().describe("The signed-in account, or null when signed out");

/** What a sign-in answers: bearer clients get the tokens in the body, browsers get HttpOnly cookies instead. */
export const signInOutput = z
  .strictObject({
    user: meOutput,
    expiresAt: z.date().describe("When the new session ends unless it is used"),
    sessionToken: z
      .string()
      .optional()
      .describe('Only with `sessionTransport: "bearer"`: send it as `Authorization: Bearer <token>`'),
    deviceToken: z
      .string()
      .optional()
      .describe("Only for bearer clients: send it back as `deviceToken` on the next sign-in"),
  })
  .meta({ id: "SignIn", description: "A new session for the account" });
export type SignInResult = z.infer<typeof signInOutput>;

/** `verifyEmail` and `confirmEmailChange`: the account as it is now. */
export const accountChangedOutput = z
  .strictObject({ user: meOutput })
  .meta({ id: "AccountChanged", description: "The account after the change" });

export const resendVerificationOutput = z
  .discriminatedUnion("sent", [
    z.strictObject({ sent: z.literal(true) }),
    z.strictObject({ sent: z.literal(false), reason: z.literal("already_verified") }),
  ])
  .meta({ id: "VerificationResent", description: "Whether a new verification email was queued" });

/** One of the caller's sessions, by its public handle (identity.policy.ts). */
export const sessionOutput = z
  .strictObject({
    handle: z.string().describe("Public id of the session: pass it to `revokeSession`"),
    current: z.boolean().describe("The session this call was made with"),
    createdAt: z.date(),
    lastSeenAt: z.date(),
    expiresAt: z.date(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: "Session", description: "One of the caller's sessions" });
export type SessionView = z.infer<typeof sessionOutput>;
export const sessionListOutput = z.array(sessionOutput).describe("The caller's live sessions");

export const sessionRevokedOutput = z
  .strictObject({
    ok: z.literal(true),
    current: z.boolean().describe("The revoked session was the one this call was made with"),
  })
  .meta({ id: "SessionRevoked", description: "The session has ended" });
export const otherSessionsEndedOutput = z
  .strictObject({ ended: z.number().int().describe("How many other sessions ended") })
  .meta({ id: "OtherSessionsEnded", description: "Every other session of the account has ended" });
export const passwordChangedOutput = z
  .strictObject({
    ok: z.literal(true),
    otherSessionsEnded: z.number().int().describe("How many other sessions ended with the change"),
  })
  .meta({ id: "PasswordChanged", description: "The new password is in force" });
