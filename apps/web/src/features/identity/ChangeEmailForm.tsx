import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { useRefreshEverything } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["newEmail", "currentPassword"] as const;

/** Nothing changes until the link sent to the new address is opened; the old address gets a notice. */
export function ChangeEmailForm() {
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const request = useMutation(
    trpc.account.requestEmailChange.mutationOptions({ onSuccess: () => refresh() }),
  );
  const errors = fieldErrorsOf(request.error, fields);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    request.mutate(readForm(form, fields), { onSuccess: () => form.reset() });
  };

  return (
    <section className="card" aria-labelledby="email-title">
      <h2 id="email-title">Change email</h2>
      <form onSubmit={submit}>
        <Field
          label="New email"
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          error={errors.newEmail}
        />
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <FormError title="Could not change the email" error={request.error} fields={fields} />
        {request.isSuccess ? (
          <p className="success" role="status">
            We sent a confirmation link to {request.variables.newEmail}. Your email changes when you open it.
          </p>
        ) : null}
        <button type="submit" disabled={request.isPending}>
          {request.isPending ? "Sending…" : "Change email"}
        </button>
      </form>
    </section>
  );
}
