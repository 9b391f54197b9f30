export type { InvitationPreview, InvitationView } from "./invitations.service.ts";
export { organizationsRouter } from "./organizations.router.ts";
export type { ActivityView, MemberView, OrganizationView } from "./organizations.service.ts";
