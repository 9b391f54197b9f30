import { HealthPanel } from "../features/health/HealthPanel.tsx";
import { UserDirectory } from "../features/users/UserDirectory.tsx";
import { Link } from "../navigation.tsx";
import { paths } from "../paths.ts";
import { useMe } from "../session.ts";

export function HomeScreen() {
  const me = useMe();
  return (
    <>
      {me.isPending ? null : me.data ? (
        <section className="card">
          <h2>Welcome, {me.data.name}</h2>
          <p className="muted">
            You are signed in as {me.data.email}. Manage your sessions, password and email on your{" "}
            <Link to={paths.account}>account page</Link>.
          </p>
        </section>
      ) : (
        <section className="card">
          <h2>Welcome</h2>
          <p className="muted">
            <Link to={paths.signup}>Create an account</Link> or <Link to={paths.login}>log in</Link>.
          </p>
        </section>
      )}
      <HealthPanel />
      {/* The directory is for members: the server refuses anonymous callers, so nobody asks for it signed out. */}
      {me.data ? <UserDirectory /> : null}
    </>
  );
}
