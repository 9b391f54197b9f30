import type { TestProject } from "vitest/node";
import { startServer } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One server per vitest project (engine), shared by the files of that project. */
export default async function setup(project: TestProject) {
  const engine = project.config.env.CONTRACT_ENGINE;
  const postgresUrl = project.config.env.CONTRACT_POSTGRES_URL;
  const server = await startServer({ postgresUrl: engine === "postgres" ? postgresUrl : undefined });
  project.provide("baseUrl", server.url);
  return async () => {
    await server.stop();
  };
}
