import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { Link, navigate } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useRefreshEverything } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["name", "email", "password"] as const;

export function SignupScreen() {
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const signup = useMutation(
    trpc.auth.signup.mutationOptions({
      onSuccess: async () => {
        await refresh();
        navigate(paths.home);
      },
    }),
  );
  const errors = fieldErrorsOf(signup.error, fields);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signup.mutate(readForm(event.currentTarget, fields));
  };

  return (
    <section className="card narrow">
      <h2>Create an account</h2>
      <form onSubmit={submit}>
        <Field label="Name" name="name" autoComplete="name" required error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters. A long phrase is easier to remember than symbols."
          error={errors.password}
        />
        <FormError title="Could not create the account" error={signup.error} fields={fields} />
        <button type="submit" className="primary" disabled={signup.isPending}>
          {signup.isPending ? "Creating account…" : "Sign up"}
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link to={paths.login}>Log in</Link>
      </p>
    </section>
  );
}
