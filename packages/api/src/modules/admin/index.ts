export { type AdminUserView, adminRouter } from "./admin.router.ts";
