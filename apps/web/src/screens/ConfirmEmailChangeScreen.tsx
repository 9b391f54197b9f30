import { useMutation } from "@tanstack/react-query";
import { useCallback } from "react";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { Link, useLocation } from "../navigation.tsx";
import { paths } from "../paths.ts";
import { useRefreshEverything } from "../session.ts";
import { useTRPC } from "../trpc.ts";
import { useOnMountOnce } from "../use-once.ts";

/** The page the email-change confirmation links to: posts its single-use token once, on arrival. */
export function ConfirmEmailChangeScreen() {
  const token = useLocation().search.get("token") ?? "";
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const confirm = useMutation(trpc.auth.confirmEmailChange.mutationOptions({ onSuccess: () => refresh() }));
  const { mutate } = confirm;

  useOnMountOnce(
    useCallback(() => {
      if (token) mutate({ token });
    }, [mutate, token]),
  );

  return (
    <section className="card narrow">
      <h2>Confirm your new email</h2>
      {!token ? (
        <p>This link has no token. Open the link from the email exactly as it was sent.</p>
      ) : confirm.isSuccess ? (
        <>
          <p className="success" role="status">
            Done: your account now signs in with {confirm.data.user.email}.
          </p>
          <p>
            <Link to={paths.account}>Back to your account</Link>
          </p>
        </>
      ) : confirm.error ? (
        <ErrorNotice
          title={
            confirm.error.data?.appCode === "INVALID_TOKEN"
              ? "This confirmation link is invalid, used or expired"
              : "Could not change your email"
          }
          error={confirm.error}
        />
      ) : (
        <p className="muted">Confirming…</p>
      )}
    </section>
  );
}
