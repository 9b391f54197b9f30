import type { RouterInputs } from "@plinth/api";
import type { TaskStatus } from "../../trpc.ts";

type ListTasksInput = RouterInputs["tasks"]["list"];

/** What the filter bar holds: "" means "any" for the selects and the search box. */
export interface TaskFilters {
  statuses: readonly TaskStatus[];
  /** "", "me", "unassigned" or a member's id. */
  assignee: string;
  /** "" or "0".."4", as the select gives it. */
  priority: string;
  search: string;
}

export const noFilters: TaskFilters = { statuses: [], assignee: "", priority: "", search: "" };

/**
 * The filter bar as `tasks.list` input: an unset filter is left out rather than sent empty, so "any" never reads
 * as "none" (an empty statuses array, a blank search) and the query key stays the same for the same list.
 */
export function listInputOf(
  organizationId: string,
  projectId: string,
  filters: TaskFilters,
  limit: number,
): ListTasksInput {
  const input: ListTasksInput = { organizationId, projectId, limit };
  if (filters.statuses.length > 0) input.statuses = [...filters.statuses].sort();
  if (filters.assignee) input.assignee = filters.assignee;
  if (filters.priority) input.priority = Number(filters.priority);
  const search = filters.search.trim();
  if (search) input.search = search;
  return input;
}

export function toggleStatus(statuses: readonly TaskStatus[], status: TaskStatus): TaskStatus[] {
  return statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status];
}
