import type { UseMutationResult } from "@tanstack/react-query";
import { type ReactNode, useCallback } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { isInvalidLink } from "../../lib/error-messages.ts";
import { useLocation } from "../../navigation.tsx";
import type { ApiError } from "../../trpc.ts";
import { useOnMountOnce } from "../../use-once.ts";

interface TokenLinkPageProps<TData> {
  title: string;
  pendingText: string;
  /** The mutation the link's token is posted to. */
  mutation: UseMutationResult<TData, ApiError, { token: string }>;
  success: (data: TData) => ReactNode;
  /** Titles for a token the server refused (unknown, used, expired or cut short) and for any other failure. */
  invalidTitle: string;
  failureTitle: string;
  afterError?: ReactNode;
}

/**
 * A page an email links to with a single-use token: posts the token exactly once on arrival (a second post
 * would fail, the token being used), then shows the outcome.
 */
export function TokenLinkPage<TData>(props: TokenLinkPageProps<TData>) {
  const token = useLocation().search.get("token") ?? "";
  const { mutation } = props;
  const { mutate } = mutation;

  useOnMountOnce(
    useCallback(() => {
      if (token) mutate({ token });
    }, [mutate, token]),
  );

  return (
    <section className="card narrow">
      <h2>{props.title}</h2>
      {!token ? (
        <p>This link has no token. Open the link from the email exactly as it was sent.</p>
      ) : mutation.isSuccess ? (
        props.success(mutation.data)
      ) : mutation.error ? (
        <>
          <ErrorNotice
            title={isInvalidLink(mutation.error) ? props.invalidTitle : props.failureTitle}
            error={mutation.error}
          />
          {props.afterError}
        </>
      ) : (
        <p className="muted">{props.pendingText}</p>
      )}
    </section>
  );
}
