/** What a project's global setup hands to its test files through vitest's provide/inject. */
export type TestDatabaseTarget =
  | { driver: "pglite"; snapshotPath: string }
  | { driver: "postgres"; adminUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    plinthDatabase: TestDatabaseTarget;
  }
}
