import { useMutation } from "@tanstack/react-query";
import { useCallback } from "react";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { Link, useLocation } from "../navigation.tsx";
import { paths } from "../paths.ts";
import { useRefreshEverything } from "../session.ts";
import { useTRPC } from "../trpc.ts";
import { useOnMountOnce } from "../use-once.ts";

/** The page a verification email links to: posts its single-use token once, on arrival. */
export function VerifyEmailScreen() {
  const token = useLocation().search.get("token") ?? "";
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions({ onSuccess: () => refresh() }));
  const { mutate } = verify;

  useOnMountOnce(
    useCallback(() => {
      if (token) mutate({ token });
    }, [mutate, token]),
  );

  return (
    <section className="card narrow">
      <h2>Verify your email</h2>
      {!token ? (
        <p>This link has no token. Open the link from the email exactly as it was sent.</p>
      ) : verify.isSuccess ? (
        <>
          <p className="success" role="status">
            Thank you: {verify.data.user.email} is verified.
          </p>
          <p>
            <Link to={paths.home}>Continue</Link>
          </p>
        </>
      ) : verify.error ? (
        <>
          <ErrorNotice
            title={
              verify.error.data?.appCode === "INVALID_TOKEN"
                ? "This verification link is invalid, used or expired"
                : "Could not verify your email"
            }
            error={verify.error}
          />
          <p className="muted">Signed in? The banner at the top sends a new link.</p>
        </>
      ) : (
        <p className="muted">Verifying…</p>
      )}
    </section>
  );
}
