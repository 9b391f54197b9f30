import { databaseTestProjects } from "@plinth/db/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { projects: databaseTestProjects() },
});
