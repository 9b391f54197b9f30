import { useMutation } from "@tanstack/react-query";
import { Link } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useRefreshEverything } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";
import { TokenLinkPage } from "./TokenLinkPage.tsx";

/** The page the email-change confirmation links to. */
export function ConfirmEmailChangeScreen() {
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const confirm = useMutation(trpc.auth.confirmEmailChange.mutationOptions({ onSuccess: () => refresh() }));
  return (
    <TokenLinkPage
      title="Confirm your new email"
      pendingText="Confirming…"
      mutation={confirm}
      invalidTitle="This confirmation link is invalid, used or expired"
      failureTitle="Could not change your email"
      success={(data) => (
        <>
          <p className="success" role="status">
            Done: your account now signs in with {data.user.email}.
          </p>
          <p>
            <Link to={paths.account}>Back to your account</Link>
          </p>
        </>
      )}
    />
  );
}
