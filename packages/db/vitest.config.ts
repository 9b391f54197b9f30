import { defineConfig } from "vitest/config";
import { databaseTestProjects } from "./src/testing/vitest-projects.ts";

export default defineConfig({
  test: { projects: databaseTestProjects() },
});
