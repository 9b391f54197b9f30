export { adminRouter } from "./admin.router.ts";
export type { AdminUserView } from "./admin.schemas.ts";
