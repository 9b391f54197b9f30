import { healthRouter } from "./router/health.ts";
import { usersRouter } from "./router/users.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  health: healthRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
