import type { RouterInputs } from "@plinth/api";
import type { TaskStatus } from "../../trpc.ts";
import { taskSorts, taskStatuses } from "./task-labels.ts";

type ListTasksInput = RouterInputs["tasks"]["list"];
export type TaskSort = NonNullable<ListTasksInput["sort"]>;

/** What the filter bar holds: "" means "any" for the selects, the dates and the search box. */
export interface TaskFilters {
  statuses: readonly TaskStatus[];
  /** "", "me", "unassigned" or a member's id. */
  assignee: string;
  /** "" or "0".."4", as the select gives it. */
  priority: string;
  /** "" or 'YYYY-MM-DD', as a date input gives it; both ends are inclusive. */
  dueFrom: string;
  dueTo: string;
  search: string;
  sort: TaskSort;
}

export const DEFAULT_SORT: TaskSort = "created";

export const noFilters: TaskFilters = {
  statuses: [],
  assignee: "",
  priority: "",
  dueFrom: "",
  dueTo: "",
  search: "",
  sort: DEFAULT_SORT,
};

/** Whether anything narrows the list (the sort order only reorders it, so it does not count). */
export function isFiltered(filters: TaskFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.assignee !== "" ||
    filters.priority !== "" ||
    filters.dueFrom !== "" ||
    filters.dueTo !== "" ||
    filters.search.trim() !== ""
  );
}

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
  const input: ListTasksInput = { organizationId, projectId, limit, sort: filters.sort };
  if (filters.statuses.length > 0) input.statuses = [...filters.statuses].sort();
  if (filters.assignee) input.assignee = filters.assignee;
  if (filters.priority) input.priority = Number(filters.priority);
  if (filters.dueFrom) input.dueFrom = filters.dueFrom;
  if (filters.dueTo) input.dueTo = filters.dueTo;
  const search = filters.search.trim();
  if (search) input.search = search;
  return input;
}

export function toggleStatus(statuses: readonly TaskStatus[], status: TaskStatus): TaskStatus[] {
  return statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status];
}

/**
 * The query-string names of the filters. Short and readable, since people share these addresses:
 * `/project?org=…&id=…&status=todo,in_progress&assignee=me&priority=4&due_from=2026-01-01&q=login&sort=due`.
 */
export const filterParams = {
  statuses: "status",
  assignee: "assignee",
  priority: "priority",
  dueFrom: "due_from",
  dueTo: "due_to",
  search: "q",
  sort: "sort",
} as const satisfies Record<keyof TaskFilters, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRIORITY = /^[0-4]$/;

/** A real calendar day as 'YYYY-MM-DD' (not 2026-02-30), the only form `tasks.list` takes. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const oneOf = <T extends string>(choices: readonly T[], value: string | null): value is T =>
  value !== null && (choices as readonly string[]).includes(value);

/**
 * The filters an address carries. A hand-edited or outdated link must still open the list: every value the
 * server would refuse (an unknown status, priority 9, a date like 2026-13-01) is dropped rather than sent.
 */
export function filtersFromSearch(search: URLSearchParams): TaskFilters {
  const statuses = (search.get(filterParams.statuses) ?? "")
    .split(",")
    .filter((s): s is TaskStatus => oneOf(taskStatuses, s));
  const assignee = search.get(filterParams.assignee) ?? "";
  const priority = search.get(filterParams.priority) ?? "";
  const dueFrom = search.get(filterParams.dueFrom) ?? "";
  const dueTo = search.get(filterParams.dueTo) ?? "";
  const sort = search.get(filterParams.sort);
  return {
    statuses: [...new Set(statuses)],
    assignee: assignee === "me" || assignee === "unassigned" || UUID.test(assignee) ? assignee : "",
    priority: PRIORITY.test(priority) ? priority : "",
    dueFrom: isIsoDate(dueFrom) ? dueFrom : "",
    dueTo: isIsoDate(dueTo) ? dueTo : "",
    search: search.get(filterParams.search) ?? "",
    sort: oneOf(taskSorts, sort) ? sort : DEFAULT_SORT,
  };
}

/**
 * `search` with the filter parameters replaced by `filters`; other parameters (`org`, `id`) are kept. Unset
 * filters and the default sort are left out, so the plain list has the plain address.
 */
export function withFilters(search: URLSearchParams, filters: TaskFilters): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const name of Object.values(filterParams)) next.delete(name);
  const set = (name: string, value: string) => {
    if (value) next.set(name, value);
  };
  set(filterParams.statuses, [...filters.statuses].sort().join(","));
  set(filterParams.assignee, filters.assignee);
  set(filterParams.priority, filters.priority);
  set(filterParams.dueFrom, filters.dueFrom);
  set(filterParams.dueTo, filters.dueTo);
  set(filterParams.search, filters.search.trim());
  if (filters.sort !== DEFAULT_SORT) next.set(filterParams.sort, filters.sort);
  return next;
}
