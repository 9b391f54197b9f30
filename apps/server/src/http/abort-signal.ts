import type { ServerResponse } from "node:http";

/** Aborts when the client goes away before the response is written, so procedures can stop early. */
export function abortSignalFor(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
