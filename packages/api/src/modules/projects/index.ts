export { can as canOnProject, type ProjectAction } from "./projects.policy.ts";
export { projectsRouter } from "./projects.router.ts";
export type { ProjectView } from "./projects.schemas.ts";
export { type Caller, invalidCursor } from "./projects.service.ts";
