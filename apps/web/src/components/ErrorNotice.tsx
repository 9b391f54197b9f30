import { formatWait } from "../format.ts";
import type { ApiError } from "../trpc.ts";

interface ErrorNoticeProps {
  title: string;
  error: ApiError;
  /** Detail paths a form already shows next to their fields, so they are not repeated here. */
  omitDetailPaths?: readonly string[];
}

/** A failed call: the server's message, plinth's appCode (absent when the server was never reached) and details. */
export function ErrorNotice({ title, error, omitDetailPaths = [] }: ErrorNoticeProps) {
  const appCode = error.data?.appCode;
  const details = (error.data?.details ?? []).filter((detail) => !omitDetailPaths.includes(detail.path));
  const retryAfter = error.data?.retryAfter;
  return (
    <div className="error" role="alert">
      <strong>{title}</strong>
      <p>
        {error.message}
        {appCode ? (
          <>
            {" "}
            <code>{appCode}</code>
          </>
        ) : null}
      </p>
      {retryAfter !== undefined ? <p>Try again in {formatWait(retryAfter)}.</p> : null}
      {/* No data means no tRPC answer at all: the message is then the browser's, about a proxy error page. */}
      {error.data ? null : <p className="muted">The API server did not answer. Is it running?</p>}
      {details.length > 0 ? (
        <ul>
          {details.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              {detail.path ? <code>{detail.path}</code> : null} {detail.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
