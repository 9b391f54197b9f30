export { makeOrganization, makeProject, makeUser } from "./domain-fixtures.ts";
export type { TestDatabaseTarget } from "./provided.ts";
export {
  createTestDatabase,
  type TestDatabase,
  useTestDatabase,
} from "./test-database.ts";
