import { useMutation } from "@tanstack/react-query";
import { navigate } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useRefreshEverything } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";

/**
 * Ends this session on the server, which clears the HttpOnly cookie. Refreshes every query either way: a failure
 * (say the session had already been ended elsewhere) still leaves the page showing the state the server has.
 */
export function LogoutButton() {
  const trpc = useTRPC();
  const refresh = useRefreshEverything();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        await refresh();
        navigate(paths.home);
      },
    }),
  );
  return (
    <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
      {logout.isPending ? "Logging out…" : "Log out"}
    </button>
  );
}
