import { describe, expect, it } from "vitest";
import { listInputOf, noFilters, toggleStatus } from "./task-filters.ts";

const org = "00000000-0000-4000-8000-000000000001";
const project = "00000000-0000-4000-8000-000000000002";

describe("listInputOf", () => {
  it("leaves every unset filter out, so 'any' is not sent as an empty filter", () => {
    expect(listInputOf(org, project, { ...noFilters, search: "   " }, 20)).toEqual({
      organizationId: org,
      projectId: project,
      limit: 20,
    });
  });

  it("sends the set filters, with priority as a number, the search trimmed and statuses in a stable order", () => {
    const input = listInputOf(
      org,
      project,
      { statuses: ["todo", "done"], assignee: "me", priority: "0", search: "  login bug " },
      20,
    );
    expect(input).toEqual({
      organizationId: org,
      projectId: project,
      limit: 20,
      statuses: ["done", "todo"],
      assignee: "me",
      priority: 0,
      search: "login bug",
    });
  });
});

describe("toggleStatus", () => {
  it("adds a status that is off and removes one that is on", () => {
    expect(toggleStatus(["todo"], "done")).toEqual(["todo", "done"]);
    expect(toggleStatus(["todo", "done"], "todo")).toEqual(["done"]);
  });
});
