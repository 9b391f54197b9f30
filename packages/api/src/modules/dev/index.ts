export { devRouter } from "./dev.router.ts";
