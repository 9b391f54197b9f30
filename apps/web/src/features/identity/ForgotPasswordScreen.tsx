import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { Link } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["email"] as const;

/** The answer is the same whether or not the address has an account, so the page cannot be used to find one. */
export function ForgotPasswordScreen() {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const errors = fieldErrorsOf(request.error, fields);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate(readForm(event.currentTarget, fields));
  };

  return (
    <section className="card narrow">
      <h2>Forgot your password?</h2>
      {request.isSuccess ? (
        <p className="success" role="status">
          If an account exists for {request.variables.email}, we sent a link to reset its password. It works
          once, within one hour.
        </p>
      ) : (
        <form onSubmit={submit}>
          <p className="muted">
            Enter the email you sign in with and we will send you a link to set a new password.
          </p>
          <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
          <FormError title="Could not send the link" error={request.error} fields={fields} />
          <button type="submit" className="primary" disabled={request.isPending}>
            {request.isPending ? "Sending…" : "Send reset link"}
          </button>
        </form>
      )}
      <p className="muted">
        <Link to={paths.login}>Back to log in</Link>
      </p>
    </section>
  );
}
