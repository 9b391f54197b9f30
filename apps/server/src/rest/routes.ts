/**
 * The REST surface: every route external callers may use, and the procedure it calls. This table is the single
 * source of the router (match-route.ts), the handler (rest-handler.ts) and the OpenAPI document (openapi.ts), so
 * nothing can be served that the document does not list.
 *
 * Where each input field comes from: `{name}` segments of the path are path parameters; GET takes the rest from
 * the query string; POST and PATCH from a JSON body; DELETE has no body. `fixedInput` fields are set by the route
 * (REST sign-ins are always bearer) and are neither documented nor accepted from the caller.
 */
export type RestMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** `required`: a bearer token; `none`: public; `optional`: public, but a signed-in caller is recognised. */
export type RestAuth = "required" | "none" | "optional";

export interface RestRoute {
  method: RestMethod;
  /** Under `/api/v1`, with `{param}` segments named like the procedure's input fields. */
  path: string;
  procedure: string;
  status: 200 | 201 | 204;
  /** For 201: the path of the created resource, from its path parameters and the procedure's result. */
  location?: (params: Record<string, string>, data: Record<string, unknown>) => string;
  /** The procedure answers `{ items, nextCursor }`: sent as `data` + `meta.nextCursor`. */
  paged?: boolean;
  fixedInput?: Record<string, unknown>;
  /**
   * The answer holds a secret shown once (a new API key's token): it is never stored for an Idempotency-Key
   * replay, so the idempotency store never holds a usable credential.
   */
  answerHoldsSecret?: true;
  auth: RestAuth;
  tag: string;
  summary: string;
}

export const API_PREFIX = "/api/v1";

/**
 * POST creates of a signed-in caller take an `Idempotency-Key` (ADR 018): keys are stored per user, so a public
 * create (signup) has no key space and ignores the header.
 */
export const takesIdempotencyKey = (route: RestRoute): boolean =>
  route.status === 201 && route.auth === "required" && !route.answerHoldsSecret;

const org = "/organizations/{organizationId}";
const id = (data: Record<string, unknown>) => String(data.id);

export const restRoutes: readonly RestRoute[] = [
  // Auth: sign-ins hand back a session token for the Authorization header; REST never sets cookies.
  {
    method: "POST",
    path: "/auth/signup",
    procedure: "auth.signup",
    status: 201,
    location: () => `${API_PREFIX}/auth/me`,
    fixedInput: { sessionTransport: "bearer" },
    auth: "none",
    tag: "Auth",
    summary: "Create an account and get a session token",
  },
  {
    method: "POST",
    path: "/auth/login",
    procedure: "auth.login",
    status: 200,
    fixedInput: { sessionTransport: "bearer" },
    auth: "none",
    tag: "Auth",
    summary: "Sign in and get a session token",
  },
  {
    method: "POST",
    path: "/auth/logout",
    procedure: "auth.logout",
    status: 204,
    auth: "required",
    tag: "Auth",
    summary: "End the session whose token authorizes this call",
  },
  {
    method: "GET",
    path: "/auth/me",
    procedure: "account.me",
    status: 200,
    auth: "required",
    tag: "Auth",
    summary: "The signed-in account",
  },

  // Personal API keys. Managed with a session only: a key cannot list, mint or revoke keys (ADR 016).
  {
    method: "GET",
    path: "/api-keys",
    procedure: "apiKeys.list",
    status: 200,
    auth: "required",
    tag: "API keys",
    summary: "Your API keys (never their tokens)",
  },
  {
    method: "POST",
    path: "/api-keys",
    procedure: "apiKeys.create",
    status: 201,
    location: (_, data) => `${API_PREFIX}/api-keys/${String((data.key as { id: string }).id)}`,
    answerHoldsSecret: true,
    auth: "required",
    tag: "API keys",
    summary: "Create an API key; its token is in this answer only",
  },
  {
    method: "DELETE",
    path: "/api-keys/{id}",
    procedure: "apiKeys.revoke",
    status: 204,
    auth: "required",
    tag: "API keys",
    summary: "Revoke an API key",
  },

  // The directory: people who share an organization with the caller.
  {
    method: "GET",
    path: "/users",
    procedure: "users.list",
    status: 200,
    paged: true,
    auth: "required",
    tag: "Users",
    summary: "People who share an organization with you, newest first",
  },
  {
    method: "GET",
    path: "/users/{id}",
    procedure: "users.byId",
    status: 200,
    auth: "required",
    tag: "Users",
    summary: "One person who shares an organization with you",
  },

  // Organizations.
  {
    method: "GET",
    path: "/organizations",
    procedure: "organizations.list",
    status: 200,
    auth: "required",
    tag: "Organizations",
    summary: "The organizations you belong to",
  },
  {
    method: "POST",
    path: "/organizations",
    procedure: "organizations.create",
    status: 201,
    location: (_, data) => `${API_PREFIX}/organizations/${id(data)}`,
    auth: "required",
    tag: "Organizations",
    summary: "Create an organization (you become its owner)",
  },
  {
    method: "GET",
    path: org,
    procedure: "organizations.byId",
    status: 200,
    auth: "required",
    tag: "Organizations",
    summary: "One organization you belong to",
  },
  {
    method: "PATCH",
    path: org,
    procedure: "organizations.rename",
    status: 200,
    auth: "required",
    tag: "Organizations",
    summary: "Rename an organization",
  },
  {
    method: "DELETE",
    path: org,
    procedure: "organizations.delete",
    status: 204,
    auth: "required",
    tag: "Organizations",
    summary: "Delete an organization (owners only)",
  },
  {
    method: "GET",
    path: `${org}/activity`,
    procedure: "organizations.activity",
    status: 200,
    paged: true,
    auth: "required",
    tag: "Activity",
    summary: "The organization's activity feed, newest first (admins and owners)",
  },

  // Members.
  {
    method: "GET",
    path: `${org}/members`,
    procedure: "organizations.members.list",
    status: 200,
    paged: true,
    auth: "required",
    tag: "Members",
    summary: "Members of an organization",
  },
  {
    method: "PATCH",
    path: `${org}/members/{userId}`,
    procedure: "organizations.members.changeRole",
    status: 200,
    auth: "required",
    tag: "Members",
    summary: "Change a member's role",
  },
  {
    method: "DELETE",
    path: `${org}/members/{userId}`,
    procedure: "organizations.members.remove",
    status: 204,
    auth: "required",
    tag: "Members",
    summary: "Remove a member (their tasks become unassigned)",
  },
  {
    method: "DELETE",
    path: `${org}/membership`,
    procedure: "organizations.members.leave",
    status: 204,
    auth: "required",
    tag: "Members",
    summary: "Leave an organization",
  },

  // Invitations: admins manage them per organization; the invitee answers with the mailed token, which travels
  // in a body or the query string (never in a path, which the request log records).
  {
    method: "GET",
    path: `${org}/invitations`,
    procedure: "organizations.invitations.listPending",
    status: 200,
    paged: true,
    auth: "required",
    tag: "Invitations",
    summary: "Pending invitations of an organization",
  },
  {
    method: "POST",
    path: `${org}/invitations`,
    procedure: "organizations.invitations.create",
    status: 201,
    location: (p, data) => `${API_PREFIX}/organizations/${p.organizationId}/invitations/${id(data)}`,
    auth: "required",
    tag: "Invitations",
    summary: "Invite someone by email",
  },
  {
    method: "DELETE",
    path: `${org}/invitations/{invitationId}`,
    procedure: "organizations.invitations.revoke",
    status: 204,
    auth: "required",
    tag: "Invitations",
    summary: "Revoke a pending invitation",
  },
  {
    method: "GET",
    path: "/invitations/preview",
    procedure: "organizations.invitations.preview",
    status: 200,
    auth: "none",
    tag: "Invitations",
    summary: "What an invitation token offers",
  },
  {
    method: "POST",
    path: "/invitations/accept",
    procedure: "organizations.invitations.accept",
    status: 200,
    auth: "required",
    tag: "Invitations",
    summary: "Accept an invitation with its token",
  },
  {
    method: "POST",
    path: "/invitations/decline",
    procedure: "organizations.invitations.decline",
    status: 204,
    auth: "optional",
    tag: "Invitations",
    summary: "Decline an invitation with its token",
  },

  // Projects.
  {
    method: "GET",
    path: `${org}/projects`,
    procedure: "projects.list",
    status: 200,
    paged: true,
    auth: "required",
    tag: "Projects",
    summary: "Projects of an organization",
  },
  {
    method: "POST",
    path: `${org}/projects`,
    procedure: "projects.create",
    status: 201,
    location: (p, data) => `${API_PREFIX}/organizations/${p.organizationId}/projects/${id(data)}`,
    auth: "required",
    tag: "Projects",
    summary: "Create a project",
  },
  {
    method: "GET",
    path: `${org}/projects/{projectId}`,
    procedure: "projects.get",
    status: 200,
    auth: "required",
    tag: "Projects",
    summary: "One project",
  },
  {
    method: "PATCH",
    path: `${org}/projects/{projectId}`,
    procedure: "projects.update",
    status: 200,
    auth: "required",
    tag: "Projects",
    summary: "Change a project's name or description",
  },
  {
    method: "DELETE",
    path: `${org}/projects/{projectId}`,
    procedure: "projects.delete",
    status: 204,
    auth: "required",
    tag: "Projects",
    summary: "Delete a project and its tasks",
  },
  {
    method: "POST",
    path: `${org}/projects/{projectId}/archive`,
    procedure: "projects.archive",
    status: 200,
    auth: "required",
    tag: "Projects",
    summary: "Archive a project",
  },
  {
    method: "POST",
    path: `${org}/projects/{projectId}/unarchive`,
    procedure: "projects.unarchive",
    status: 200,
    auth: "required",
    tag: "Projects",
    summary: "Bring an archived project back",
  },

  // Tasks: listed and created under their project, addressed by id within the organization.
  {
    method: "GET",
    path: `${org}/projects/{projectId}/tasks`,
    procedure: "tasks.list",
    status: 200,
    paged: true,
    auth: "required",
    tag: "Tasks",
    summary: "Tasks of a project, filtered and sorted",
  },
  {
    method: "POST",
    path: `${org}/projects/{projectId}/tasks`,
    procedure: "tasks.create",
    status: 201,
    location: (p, data) => `${API_PREFIX}/organizations/${p.organizationId}/tasks/${id(data)}`,
    auth: "required",
    tag: "Tasks",
    summary: "Create a task",
  },
  {
    method: "GET",
    path: `${org}/tasks/{taskId}`,
    procedure: "tasks.get",
    status: 200,
    auth: "required",
    tag: "Tasks",
    summary: "One task",
  },
  {
    method: "PATCH",
    path: `${org}/tasks/{taskId}`,
    procedure: "tasks.update",
    status: 200,
    auth: "required",
    tag: "Tasks",
    summary: "Change a task (send `version`, or the task's ETag as If-Match)",
  },
  {
    method: "DELETE",
    path: `${org}/tasks/{taskId}`,
    procedure: "tasks.delete",
    status: 204,
    auth: "required",
    tag: "Tasks",
    summary: "Delete a task",
  },
  {
    method: "POST",
    path: `${org}/tasks/{taskId}/move`,
    procedure: "tasks.move",
    status: 200,
    auth: "required",
    tag: "Tasks",
    summary: "Move a task to another project of the organization",
  },

  // Comments.
  {
    method: "GET",
    path: `${org}/tasks/{taskId}/comments`,
    procedure: "comments.list",
    status: 200,
    paged: true,
    auth: "required",
    tag: "Comments",
    summary: "Comments on a task, oldest first",
  },
  {
    method: "POST",
    path: `${org}/tasks/{taskId}/comments`,
    procedure: "comments.add",
    status: 201,
    location: (p, data) => `${API_PREFIX}/organizations/${p.organizationId}/comments/${id(data)}`,
    auth: "required",
    tag: "Comments",
    summary: "Comment on a task",
  },
  {
    method: "PATCH",
    path: `${org}/comments/{commentId}`,
    procedure: "comments.edit",
    status: 200,
    auth: "required",
    tag: "Comments",
    summary: "Edit your comment",
  },
  {
    method: "DELETE",
    path: `${org}/comments/{commentId}`,
    procedure: "comments.delete",
    status: 204,
    auth: "required",
    tag: "Comments",
    summary: "Delete a comment",
  },
];
