import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { Link, navigate } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useRefreshEverything } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["email", "password"] as const;

export function LoginScreen() {
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        await refresh();
        navigate(paths.home);
      },
    }),
  );
  const errors = fieldErrorsOf(login.error, fields);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate(readForm(event.currentTarget, fields));
  };

  return (
    <section className="card narrow">
      <h2>Log in</h2>
      <form onSubmit={submit}>
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <FormError title="Could not log in" error={login.error} fields={fields} />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
      <p className="muted">
        <Link to={paths.forgotPassword}>Forgot password?</Link> · No account yet?{" "}
        <Link to={paths.signup}>Sign up</Link>
      </p>
    </section>
  );
}
