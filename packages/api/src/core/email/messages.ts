/**
 * The emails authentication sends. Plain text on purpose: nothing to render wrong, nothing to track. Links
 * carry single-use tokens in the query string to pages of the web app, which post them back.
 */
export interface EmailMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
}

const link = (appUrl: string, path: string, token: string) =>
  `${appUrl}${path}?token=${encodeURIComponent(token)}`;

export function verificationEmail(to: string, name: string, token: string, appUrl: string): EmailMessage {
  return {
    kind: "email_verification",
    to,
    subject: "Verify your email address",
    text: `Hello ${name},\n\nConfirm this address by opening the link below within 24 hours:\n\n${link(appUrl, "/verify-email", token)}\n\nIf you did not sign up, ignore this message.\n`,
  };
}

export function passwordResetEmail(to: string, name: string, token: string, appUrl: string): EmailMessage {
  return {
    kind: "password_reset",
    to,
    subject: "Reset your password",
    text: `Hello ${name},\n\nSomeone asked to reset the password of this account. The link below works once, within one hour:\n\n${link(appUrl, "/reset-password", token)}\n\nIf it was not you, ignore this message; your password stays as it is.\n`,
  };
}

export function passwordChangedEmail(to: string, name: string): EmailMessage {
  return {
    kind: "password_changed",
    to,
    subject: "Your password was changed",
    text: `Hello ${name},\n\nThe password of your account was just changed, and your other sessions were signed out.\nIf this was not you, reset your password now and contact support.\n`,
  };
}

export function emailChangeVerificationEmail(
  to: string,
  name: string,
  token: string,
  appUrl: string,
): EmailMessage {
  return {
    kind: "email_change",
    to,
    subject: "Confirm your new email address",
    text: `Hello ${name},\n\nConfirm that this is your new sign-in address by opening the link below within 24 hours:\n\n${link(appUrl, "/confirm-email-change", token)}\n`,
  };
}

export function emailChangeNoticeEmail(to: string, name: string, newAddress: string): EmailMessage {
  return {
    kind: "email_change_notice",
    to,
    subject: "A change of your sign-in email was requested",
    text: `Hello ${name},\n\nSomeone signed in to your account asked to change its email address to ${newAddress}.\nIt changes only once the new address is confirmed. If this was not you, change your password now.\n`,
  };
}

export function emailChangedEmail(to: string, name: string, newAddress: string): EmailMessage {
  return {
    kind: "email_changed",
    to,
    subject: "Your sign-in email was changed",
    text: `Hello ${name},\n\nYour account now signs in with ${newAddress}. If this was not you, contact support.\n`,
  };
}

export function invitationEmail(
  to: string,
  invite: { inviterName: string; organizationName: string; role: string },
  token: string,
  appUrl: string,
): EmailMessage {
  return {
    kind: "organization_invitation",
    to,
    subject: `You are invited to ${invite.organizationName}`,
    text: `Hello,\n\n${invite.inviterName} invited you to join ${invite.organizationName} as ${invite.role}. Open the link below within 7 days to accept or decline; if you have no account yet, sign up with this address first:\n\n${link(appUrl, "/invitation", token)}\n\nIf you were not expecting this, ignore this message.\n`,
  };
}
