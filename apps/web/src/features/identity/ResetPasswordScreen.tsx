import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { isInvalidLink } from "../../lib/error-messages.ts";
import { Link, useLocation } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useRefreshEverything } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["password"] as const;

/** The page a reset email links to. Success ends every session of the account, this browser's included. */
export function ResetPasswordScreen() {
  const token = useLocation().search.get("token") ?? "";
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions({ onSuccess: () => refresh() }));
  const errors = fieldErrorsOf(reset.error, fields);
  const invalidLink = isInvalidLink(reset.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reset.mutate({ token, ...readForm(event.currentTarget, fields) });
  };

  if (!token) {
    return (
      <section className="card narrow">
        <h2>Set a new password</h2>
        <p>
          This link has no token. Open the link from the email exactly as it was sent, or{" "}
          <Link to={paths.forgotPassword}>ask for a new one</Link>.
        </p>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <h2>Set a new password</h2>
      {reset.isSuccess ? (
        <>
          <p className="success" role="status">
            Your password has been changed, and every session of your account was signed out.
          </p>
          <p>
            <Link to={paths.login}>Log in with your new password</Link>
          </p>
        </>
      ) : (
        <form onSubmit={submit}>
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 8 characters."
            error={errors.password}
          />
          <FormError
            title={invalidLink ? "This reset link is invalid, used or expired" : "Could not set the password"}
            error={reset.error}
            fields={fields}
          />
          {invalidLink ? (
            <p>
              <Link to={paths.forgotPassword}>Ask for a new link</Link>
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={reset.isPending}>
            {reset.isPending ? "Saving…" : "Set new password"}
          </button>
        </form>
      )}
    </section>
  );
}
