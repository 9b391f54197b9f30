import { LogoutButton } from "../features/identity/LogoutButton.tsx";
import { VerifyEmailBanner } from "../features/identity/VerifyEmailBanner.tsx";
import { Link } from "../navigation.tsx";
import { paths } from "../paths.ts";
import { useMe } from "../session.ts";

/** Site name, navigation and who is signed in; the verification banner under it while the email is unverified. */
export function AppHeader() {
  const me = useMe();
  const user = me.data ?? null;

  return (
    <>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={paths.home} className="brand">
            plinth
          </Link>
          <nav aria-label="Main">
            <Link to={paths.home}>Home</Link>
            {user ? <Link to={paths.organizations}>Organizations</Link> : null}
            {user ? <Link to={paths.account}>Account</Link> : null}
            {import.meta.env.DEV ? <Link to={paths.devMailbox}>Mailbox (dev)</Link> : null}
          </nav>
          <div className="session-status">
            {me.isPending ? null : user ? (
              <>
                <span data-testid="signed-in-as">
                  Signed in as <strong>{user.name}</strong>
                </span>
                <LogoutButton />
              </>
            ) : (
              <>
                <Link to={paths.login}>Log in</Link>
                <Link to={paths.signup} className="button primary">
                  Sign up
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      {user && !user.emailVerified ? <VerifyEmailBanner email={user.email} /> : null}
    </>
  );
}
