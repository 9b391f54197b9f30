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

/** A class rather than an object literal with a getter and closures: one small allocation per request. */
class ResponseWatch implements ClientWatch {
  #controller: AbortController | undefined;
  readonly #res: ServerResponse;

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  // `destroyed` is set when the socket closes (or the response is destroyed), just before `close` is emitted.
  get gone(): boolean {
    return this.#res.destroyed && !this.#res.writableFinished;
  }

  signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const made = new AbortController();
    this.#controller = made;
    const res = this.#res;
    if (this.gone) made.abort();
    else
      res.once("close", () => {
        if (!res.writableFinished) made.abort();
      });
    return made.signal;
  }
}

export function watchClient(res: ServerResponse): ClientWatch {
  return new ResponseWatch(res);
}
