import { readableDetail } from "./lib/error-messages.ts";
import type { ApiError } from "./trpc.ts";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The messages of a failed call that belong next to one of a form's fields: `data.details` entries whose path is
 * the field's name (the server names fields as its input does: `password`, `newEmail`, …). The first message per
 * field wins, as a sentence (`readableDetail`); the rest of the error is the form's general error line.
 */
export function fieldErrorsOf<F extends string>(
  error: ApiError | null,
  fields: readonly F[],
): FieldErrors<F> {
  const result: FieldErrors<F> = {};
  for (const detail of error?.data?.details ?? []) {
    const field = fields.find((f) => f === detail.path);
    if (field && result[field] === undefined) result[field] = readableDetail(detail);
  }
  return result;
}

/** Whether anything of the error is left to say once its field messages are shown next to the fields. */
export function needsGeneralError(error: ApiError | null, fields: readonly string[]): boolean {
  if (!error) return false;
  const details = error.data?.details ?? [];
  return details.length === 0 || details.some((d) => !fields.includes(d.path));
}

/** The submitted form's text fields by name; a missing or file field reads as "". */
export function readForm<F extends string>(form: HTMLFormElement, names: readonly F[]): Record<F, string> {
  const data = new FormData(form);
  const values = {} as Record<F, string>;
  for (const name of names) {
    const value = data.get(name);
    values[name] = typeof value === "string" ? value : "";
  }
  return values;
}
