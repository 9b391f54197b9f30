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
  organizations: "/organizations",
  /** `?id=` the organization. */
  organization: "/organization",
  /** `?org=` the organization: its activity feed (admins and owners). */
  activity: "/activity",
  /** `?org=&id=` the project: its task list. */
  project: "/project",
  /** `?org=&id=` the task. */
  task: "/task",
  invitation: "/invitation",
} as const;

export type AppPath = (typeof paths)[keyof typeof paths];

const appPaths: ReadonlySet<string> = new Set(Object.values(paths));

export const isAppPath = (pathname: string): pathname is AppPath => appPaths.has(pathname);

/** Addresses of the domain screens; ids travel in the query string, so the path table above stays static. */
export const hrefs = {
  organization: (id: string) => `${paths.organization}?id=${encodeURIComponent(id)}`,
  activity: (org: string) => `${paths.activity}?org=${encodeURIComponent(org)}`,
  project: (org: string, id: string) =>
    `${paths.project}?org=${encodeURIComponent(org)}&id=${encodeURIComponent(id)}`,
  task: (org: string, id: string) =>
    `${paths.task}?org=${encodeURIComponent(org)}&id=${encodeURIComponent(id)}`,
};
