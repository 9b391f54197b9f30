export { can as canOnProject, type ProjectAction } from "./projects.policy.ts";
export { projectsRouter } from "./projects.router.ts";
export { type Caller, invalidCursor, type ProjectView } from "./projects.service.ts";
