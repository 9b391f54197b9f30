import { describe, expect, it } from "vitest";
import {
  filtersFromSearch,
  isFiltered,
  isIsoDate,
  listInputOf,
  noFilters,
  type TaskFilters,
  toggleStatus,
  withFilters,
} from "./task-filters.ts";

const org = "00000000-0000-4000-8000-000000000001";
const project = "00000000-0000-4000-8000-000000000002";

describe("listInputOf", () => {
  it("leaves every unset filter out, so 'any' is not sent as an empty filter", () => {
    expect(listInputOf(org, project, { ...noFilters, search: "   " }, 20)).toEqual({
      organizationId: org,
      projectId: project,
      limit: 20,
      sort: "created",
    });
  });

  it("sends the set filters, with priority as a number, the search trimmed and statuses in a stable order", () => {
    const input = listInputOf(
      org,
      project,
      {
        statuses: ["todo", "done"],
        assignee: "me",
        priority: "0",
        dueFrom: "2026-03-01",
        dueTo: "2026-03-31",
        search: "  login bug ",
        sort: "priority",
      },
      20,
    );
    expect(input).toEqual({
      organizationId: org,
      projectId: project,
      limit: 20,
      statuses: ["done", "todo"],
      assignee: "me",
      priority: 0,
      dueFrom: "2026-03-01",
      dueTo: "2026-03-31",
      search: "login bug",
      sort: "priority",
    });
  });
});

describe("toggleStatus", () => {
  it("adds a status that is off and removes one that is on", () => {
    expect(toggleStatus(["todo"], "done")).toEqual(["todo", "done"]);
    expect(toggleStatus(["todo", "done"], "todo")).toEqual(["done"]);
  });
});

const member = "3f1c2a9e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
const everything: TaskFilters = {
  statuses: ["in_progress", "todo"],
  assignee: member,
  priority: "4",
  dueFrom: "2026-01-01",
  dueTo: "2026-02-28",
  search: "login bug",
  sort: "due",
};

describe("filters in the address", () => {
  it("survive a round trip through the query string, keeping the address's other parameters", () => {
    const search = withFilters(new URLSearchParams({ org, id: project }), everything);
    expect(search.get("org")).toBe(org);
    expect(search.get("id")).toBe(project);
    expect(search.get("status")).toBe("in_progress,todo");
    expect(search.get("q")).toBe("login bug");
    expect(filtersFromSearch(new URLSearchParams(search.toString()))).toEqual(everything);
  });

  it("leave the plain list with the plain address: no empty parameters, no default sort", () => {
    const search = withFilters(new URLSearchParams({ org, id: project }), { ...noFilters, search: "  " });
    expect(search.toString()).toBe(`org=${org}&id=${project}`);
    expect(filtersFromSearch(search)).toEqual(noFilters);
  });

  it("replace the previous filters instead of adding to them", () => {
    const before = withFilters(new URLSearchParams({ org }), everything);
    const after = withFilters(before, { ...noFilters, priority: "1" });
    expect(after.toString()).toBe(`org=${org}&priority=1`);
  });

  it("drop what the server would refuse, so an edited or outdated link still opens the list", () => {
    const search = new URLSearchParams({
      status: "todo,bogus,todo,done",
      assignee: "somebody",
      priority: "9",
      due_from: "2026-02-30",
      due_to: "tomorrow",
      sort: "alphabetical",
    });
    expect(filtersFromSearch(search)).toEqual({ ...noFilters, statuses: ["todo", "done"] });
    expect(filtersFromSearch(new URLSearchParams("assignee=unassigned")).assignee).toBe("unassigned");
    expect(filtersFromSearch(new URLSearchParams("assignee=me&sort=updated"))).toEqual({
      ...noFilters,
      assignee: "me",
      sort: "updated",
    });
  });
});

describe("isFiltered", () => {
  it("counts what narrows the list, not the sort order or a blank search", () => {
    expect(isFiltered(noFilters)).toBe(false);
    expect(isFiltered({ ...noFilters, sort: "priority", search: " " })).toBe(false);
    expect(isFiltered({ ...noFilters, dueTo: "2026-01-01" })).toBe(true);
    expect(isFiltered({ ...noFilters, statuses: ["done"] })).toBe(true);
  });
});

describe("isIsoDate", () => {
  it("takes real calendar days only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });
});
