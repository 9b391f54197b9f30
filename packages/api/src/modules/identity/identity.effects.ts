import type { Context, SessionTransport } from "../../core/context.ts";
import { declareEffect } from "../../core/response-effects.ts";
import type { SignInResult } from "./identity.schemas.ts";
import type { SignedIn } from "./signin.service.ts";

/** Delivers a sign-in the way the client asked for it. */
export function deliverSignIn(
  ctx: Pick<Context, "response" | "services">,
  transport: SessionTransport,
  signedIn: SignedIn,
): SignInResult {
  const { user, session, device } = signedIn;
  if (transport === "bearer") {
    return { user, sessionToken: session.token, expiresAt: session.expiresAt, deviceToken: device.token };
  }
  declareEffect(ctx.response, ctx.services.cookie, { kind: "set_session", ...session });
  declareEffect(ctx.response, ctx.services.cookie, { kind: "remember_device", ...device });
  return { user, expiresAt: session.expiresAt };
}

/** A session the caller held by cookie has ended: the browser forgets it too. Bearer clients drop it themselves. */
export function forgetSessionCookie(ctx: Pick<Context, "response" | "services" | "transport">): void {
  if (ctx.transport === "cookie") declareEffect(ctx.response, ctx.services.cookie, { kind: "clear_session" });
}
