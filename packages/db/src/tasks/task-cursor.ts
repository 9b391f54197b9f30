import { z } from "zod";
import { cursorDate, cursorTimestamp, decodeSortCursor, encodeSortCursor } from "../pagination.ts";
import type { Task } from "./task.table.ts";

export const taskSorts = ["created", "updated", "priority", "due"] as const;
export type TaskSort = (typeof taskSorts)[number];

/**
 * Where a page ends, per sort order; id always last, so rows with equal keys still have one total order.
 * created/updated: newest first. priority: most urgent first, then newest. due: soonest first, undated last
 * ('infinity').
 */
export type TaskCursor =
  | { sort: "created"; createdAt: Date; id: string }
  | { sort: "updated"; updatedAt: Date; id: string }
  | { sort: "priority"; priority: number; createdAt: Date; id: string }
  | { sort: "due"; due: string; id: string };

const priorityKey = z.number().int().min(0).max(4);
const dueKey = z.union([z.literal("infinity"), cursorDate]);
const cursorShapes = {
  created: z.tuple([cursorTimestamp, z.uuid()]),
  updated: z.tuple([cursorTimestamp, z.uuid()]),
  priority: z.tuple([priorityKey, cursorTimestamp, z.uuid()]),
  due: z.tuple([dueKey, z.uuid()]),
};

/** Null for a cursor this module did not produce for this sort order: the caller answers 400. */
export function decodeTaskCursor(sort: TaskSort, value: string): TaskCursor | null {
  switch (sort) {
    case "created": {
      const k = decodeSortCursor(value, sort, cursorShapes.created);
      return k && { sort, createdAt: k[0], id: k[1] };
    }
    case "updated": {
      const k = decodeSortCursor(value, sort, cursorShapes.updated);
      return k && { sort, updatedAt: k[0], id: k[1] };
    }
    case "priority": {
      const k = decodeSortCursor(value, sort, cursorShapes.priority);
      return k && { sort, priority: k[0], createdAt: k[1], id: k[2] };
    }
    case "due": {
      const k = decodeSortCursor(value, sort, cursorShapes.due);
      return k && { sort, due: k[0], id: k[1] };
    }
  }
}

export function encodeTaskCursor(sort: TaskSort, row: Task): string {
  switch (sort) {
    case "created":
      return encodeSortCursor(sort, [row.created_at, row.id]);
    case "updated":
      return encodeSortCursor(sort, [row.updated_at, row.id]);
    case "priority":
      return encodeSortCursor(sort, [row.priority, row.created_at, row.id]);
    case "due":
      return encodeSortCursor(sort, [row.due_date ?? "infinity", row.id]);
  }
}
