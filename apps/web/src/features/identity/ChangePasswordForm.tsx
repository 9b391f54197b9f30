import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["currentPassword", "newPassword"] as const;

/** Keeps this session and signs every other one out (the server does both in one transaction). */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.account.sessions.queryFilter()),
    }),
  );
  const errors = fieldErrorsOf(change.error, fields);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    change.mutate(readForm(form, fields), { onSuccess: () => form.reset() });
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form onSubmit={submit}>
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          error={errors.newPassword}
        />
        <FormError title="Could not change the password" error={change.error} fields={fields} />
        {change.isSuccess ? (
          <p className="success" role="status">
            Password changed.{" "}
            {change.data.otherSessionsEnded > 0
              ? `${change.data.otherSessionsEnded} other session(s) were signed out.`
              : ""}
          </p>
        ) : null}
        <button type="submit" disabled={change.isPending}>
          {change.isPending ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
