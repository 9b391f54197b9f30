import { accountRouter } from "./router/account.ts";
import { adminRouter } from "./router/admin.ts";
import { authRouter } from "./router/auth.ts";
import { devRouter } from "./router/dev.ts";
import { healthRouter } from "./router/health.ts";
import { usersRouter } from "./router/users.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  health: healthRouter,
  users: usersRouter,
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  dev: devRouter,
});

export type AppRouter = typeof appRouter;
