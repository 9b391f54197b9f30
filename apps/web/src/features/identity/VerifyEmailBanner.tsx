import { useMutation } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { useTRPC } from "../../trpc.ts";

/** Shown while the signed-in account's email is unverified; "Resend" sends a fresh link (rate-limited). */
export function VerifyEmailBanner({ email }: { email: string }) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());

  return (
    <div className="banner" role="status">
      <div className="banner-inner">
        <p>
          <strong>Verify your email.</strong> We sent a link to {email}; open it to confirm the address.
        </p>
        <button type="button" onClick={() => resend.mutate()} disabled={resend.isPending}>
          {resend.isPending ? "Sending…" : "Resend"}
        </button>
      </div>
      {resend.isSuccess ? (
        <p className="banner-inner muted">
          {resend.data.sent ? `A new link is on its way to ${email}.` : "Your email is already verified."}
        </p>
      ) : null}
      {resend.error ? (
        <div className="banner-inner">
          <ErrorNotice title="Could not resend the link" error={resend.error} />
        </div>
      ) : null}
    </div>
  );
}
