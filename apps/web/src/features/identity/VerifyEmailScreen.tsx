import { useMutation } from "@tanstack/react-query";
import { Link } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useRefreshEverything } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";
import { TokenLinkPage } from "./TokenLinkPage.tsx";

/** The page a verification email links to. */
export function VerifyEmailScreen() {
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions({ onSuccess: () => refresh() }));
  return (
    <TokenLinkPage
      title="Verify your email"
      pendingText="Verifying…"
      mutation={verify}
      invalidTitle="This verification link is invalid, used or expired"
      failureTitle="Could not verify your email"
      afterError={<p className="muted">Signed in? The banner at the top sends a new link.</p>}
      success={(data) => (
        <>
          <p className="success" role="status">
            Thank you: {data.user.email} is verified.
          </p>
          <p>
            <Link to={paths.home}>Continue</Link>
          </p>
        </>
      )}
    />
  );
}
