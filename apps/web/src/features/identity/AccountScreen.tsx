import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDate } from "../../format.ts";
import { Link } from "../../navigation.tsx";
import { paths } from "../../paths.ts";
import { useMe } from "../../session.ts";
import { ApiKeysSection } from "../api-keys/ApiKeysSection.tsx";
import { ChangeEmailForm } from "./ChangeEmailForm.tsx";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { SessionList } from "./SessionList.tsx";

export function AccountScreen() {
  const me = useMe();

  if (me.isPending) return <p className="muted">Loading your account…</p>;
  if (me.error) return <ErrorNotice title="Could not load your account" error={me.error} />;
  if (!me.data) {
    return (
      <section className="card narrow">
        <h2>Your account</h2>
        <p>
          <Link to={paths.login}>Log in</Link> to see your account.
        </p>
      </section>
    );
  }

  const user = me.data;
  return (
    <>
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">Your account</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>
            {user.email}{" "}
            {user.emailVerified ? (
              <span className="badge ok">verified</span>
            ) : (
              <span className="badge warn">not verified</span>
            )}
          </dd>
          <dt>Member since</dt>
          <dd>
            <time dateTime={user.createdAt.toISOString()}>{formatDate(user.createdAt)}</time>
          </dd>
        </dl>
      </section>
      <SessionList />
      <ChangePasswordForm />
      <ChangeEmailForm />
      <ApiKeysSection />
    </>
  );
}
