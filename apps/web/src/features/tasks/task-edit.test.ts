import { describe, expect, it } from "vitest";
import type { Task } from "../../trpc.ts";
import { type TaskFormValues, taskChanges } from "./task-edit.ts";

const member = "3f1c2a9e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
const task: Task = {
  id: "00000000-0000-4000-8000-000000000001",
  projectId: "00000000-0000-4000-8000-000000000002",
  number: 7,
  title: "Fix login bug",
  description: "Steps in the ticket.",
  status: "todo",
  priority: 2,
  assigneeId: member,
  dueDate: "2026-03-01",
  createdBy: member,
  version: 3,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-02T00:00:00Z"),
};
const unchanged: TaskFormValues = {
  title: "Fix login bug",
  description: "Steps in the ticket.",
  priority: "2",
  assigneeId: member,
  dueDate: "2026-03-01",
};

describe("taskChanges", () => {
  it("sends nothing for an untouched form, a title with stray spaces included", () => {
    expect(taskChanges(task, unchanged)).toEqual({});
    expect(taskChanges(task, { ...unchanged, title: "  Fix login bug " })).toEqual({});
  });

  it("sends only the changed fields, priority as a number", () => {
    expect(taskChanges(task, { ...unchanged, title: "Fix the login bug", priority: "4" })).toEqual({
      title: "Fix the login bug",
      priority: 4,
    });
  });

  it("turns an emptied assignee or due date into null, which clears it", () => {
    expect(taskChanges(task, { ...unchanged, assigneeId: "", dueDate: "" })).toEqual({
      assigneeId: null,
      dueDate: null,
    });
  });

  it("sets an assignee and a due date on a task that had none", () => {
    const bare = { ...task, assigneeId: null, dueDate: null };
    const values = { ...unchanged, assigneeId: member, dueDate: "2026-04-30" };
    expect(taskChanges(bare, values)).toEqual({ assigneeId: member, dueDate: "2026-04-30" });
  });

  it("sends an emptied description as an empty string", () => {
    expect(taskChanges(task, { ...unchanged, description: "" })).toEqual({ description: "" });
  });
});
