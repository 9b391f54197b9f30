import type { ServerResponse } from "node:http";

/** What a handler needs to know about the client while it works on the answer. */
export interface ClientWatch {
  /** The client closed the connection before its answer was complete. */
  readonly gone: boolean;
  /**
   * Aborts when the client goes away before the response is written, so a procedure can stop early. Made on first
   * use only: an AbortController and its `close` listener cost several µs per request, and most procedures never
   * read the signal (docs/decisions/021-fast-path.md).
   */
  signal(): AbortSignal;
}

export function watchClient(res: ServerResponse): ClientWatch {
  let controller: AbortController | undefined;
  // `destroyed` is set when the socket closes (or the response is destroyed), just before `close` is emitted.
  const gone = () => res.destroyed && !res.writableFinished;
  return {
    get gone() {
      return gone();
    },
    signal() {
      if (controller) return controller.signal;
      const made = new AbortController();
      controller = made;
      if (gone()) made.abort();
      else
        res.once("close", () => {
          if (!res.writableFinished) made.abort();
        });
      return made.signal;
    },
  };
}
