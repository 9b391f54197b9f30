import { router } from "./core/trpc.ts";
import { adminRouter } from "./modules/admin/index.ts";
import { apiKeysRouter } from "./modules/api-keys/index.ts";
import { devRouter } from "./modules/dev/index.ts";
import { healthRouter } from "./modules/health/index.ts";
import { accountRouter, authRouter } from "./modules/identity/index.ts";
import { organizationsRouter } from "./modules/organizations/index.ts";
import { projectsRouter } from "./modules/projects/index.ts";
import { commentsRouter, tasksRouter } from "./modules/tasks/index.ts";
import { usersRouter } from "./modules/users/index.ts";

export const appRouter = router({
  health: healthRouter,
  users: usersRouter,
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  dev: devRouter,
  projects: projectsRouter,
  tasks: tasksRouter,
  comments: commentsRouter,
  organizations: organizationsRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
