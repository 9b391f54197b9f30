import { formatWait } from "../format.ts";
import { describeApiError } from "../lib/error-messages.ts";
import type { ApiError } from "../trpc.ts";

interface ErrorNoticeProps {
  title: string;
  error: ApiError;
  /** Detail paths a form already shows next to their fields, so they are not repeated here. */
  omitDetailPaths?: readonly string[];
}

/**
 * A failed call, in sentences: what went wrong (from `lib/error-messages.ts`, never the raw code or a parser's
 * message), how long to wait, and the details no field shows. The code and request id stay in attributes, for
 * support and tests, not in the text.
 */
export function ErrorNotice({ title, error, omitDetailPaths = [] }: ErrorNoticeProps) {
  const readable = describeApiError(error);
  const details = readable.details.filter((detail) => !omitDetailPaths.includes(detail.path));
  return (
    <div
      className={readable.kind === "unreachable" ? "error calm" : "error"}
      role="alert"
      data-app-code={readable.appCode}
      data-request-id={error.data?.requestId}
    >
      <strong>{title}</strong>
      <p>{readable.message}</p>
      {readable.retryAfter !== undefined ? <p>Try again in {formatWait(readable.retryAfter)}.</p> : null}
      {details.length > 0 ? (
        <ul>
          {details.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>{detail.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
