import { needsGeneralError } from "../form-errors.ts";
import type { ApiError } from "../trpc.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

interface FormErrorProps {
  title: string;
  error: ApiError | null;
  /** The form's field names: details for these are shown at the fields, so this line leaves them out. */
  fields: readonly string[];
}

/** The general error line under a form: whatever of a failed call is not already shown next to a field. */
export function FormError({ title, error, fields }: FormErrorProps) {
  if (!error || !needsGeneralError(error, fields)) return null;
  return <ErrorNotice title={title} error={error} omitDetailPaths={fields} />;
}
