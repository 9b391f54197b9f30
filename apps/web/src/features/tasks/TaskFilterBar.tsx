import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc.ts";
import { isFiltered, noFilters, type TaskFilters, type TaskSort, toggleStatus } from "./task-filters.ts";
import { priorityLabels, sortLabels, statusLabels, taskSorts, taskStatuses } from "./task-labels.ts";

interface TaskFilterBarProps {
  organizationId: string;
  filters: TaskFilters;
  onChange: (filters: TaskFilters) => void;
  /** The search box's text as typed; it reaches `filters.search` once typing pauses. */
  searchText: string;
  onSearchText: (text: string) => void;
}

export function TaskFilterBar({
  organizationId,
  filters,
  onChange,
  searchText,
  onSearchText,
}: TaskFilterBarProps) {
  const trpc = useTRPC();
  // The assignee choices; the first page is plenty for a filter (the rest stay reachable through "me"/search).
  const members = useInfiniteQuery(
    trpc.organizations.members.list.infiniteQueryOptions(
      { organizationId, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const memberItems = members.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <form className="filters" aria-label="Filter tasks" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>Status</legend>
        {taskStatuses.map((status) => (
          <label key={status}>
            <input
              type="checkbox"
              checked={filters.statuses.includes(status)}
              onChange={() => onChange({ ...filters, statuses: toggleStatus(filters.statuses, status) })}
            />{" "}
            {statusLabels[status]}
          </label>
        ))}
      </fieldset>
      <label>
        Assignee{" "}
        <select
          value={filters.assignee}
          onChange={(event) => onChange({ ...filters, assignee: event.target.value })}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {memberItems.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority{" "}
        <select
          value={filters.priority}
          onChange={(event) => onChange({ ...filters, priority: event.target.value })}
        >
          <option value="">Any</option>
          {priorityLabels.map((label, value) => (
            <option key={label} value={String(value)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Due from{" "}
        <input
          type="date"
          value={filters.dueFrom}
          max={filters.dueTo || undefined}
          onChange={(event) => onChange({ ...filters, dueFrom: event.target.value })}
        />
      </label>
      <label>
        Due until{" "}
        <input
          type="date"
          value={filters.dueTo}
          min={filters.dueFrom || undefined}
          onChange={(event) => onChange({ ...filters, dueTo: event.target.value })}
        />
      </label>
      <label>
        Search{" "}
        <input type="search" value={searchText} onChange={(event) => onSearchText(event.target.value)} />
      </label>
      <label>
        Sort{" "}
        <select
          value={filters.sort}
          onChange={(event) => onChange({ ...filters, sort: event.target.value as TaskSort })}
        >
          {taskSorts.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabels[sort]}
            </option>
          ))}
        </select>
      </label>
      {isFiltered(filters) || searchText.trim() !== "" ? (
        <button
          type="button"
          onClick={() => {
            onSearchText("");
            // The sort order is a preference, not a filter: clearing keeps it.
            onChange({ ...noFilters, sort: filters.sort });
          }}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
