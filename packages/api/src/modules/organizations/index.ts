export { organizationsRouter } from "./organizations.router.ts";
export type {
  ActivityView,
  InvitationPreview,
  InvitationView,
  MemberView,
  OrganizationView,
} from "./organizations.schemas.ts";
