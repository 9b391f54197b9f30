export { type PublicUser, usersRouter } from "./users.router.ts";
