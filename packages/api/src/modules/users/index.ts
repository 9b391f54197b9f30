export { usersRouter } from "./users.router.ts";
export type { PublicUser } from "./users.schemas.ts";
