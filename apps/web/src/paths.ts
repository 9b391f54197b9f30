/** Every path the app answers. Links in emails point at the ones that take a `?token=`. */
export const paths = {
  home: "/",
  signup: "/signup",
  login: "/login",
  verifyEmail: "/verify-email",
  forgotPassword: "/forgot-password",
  resetPassword: "/reset-password",
  account: "/account",
  confirmEmailChange: "/confirm-email-change",
  devMailbox: "/dev/mailbox",
} as const;

export type AppPath = (typeof paths)[keyof typeof paths];

const appPaths: ReadonlySet<string> = new Set(Object.values(paths));

export const isAppPath = (pathname: string): pathname is AppPath => appPaths.has(pathname);
