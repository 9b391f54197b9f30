import { type ComponentType, useEffect } from "react";
import { AppHeader } from "./components/AppHeader.tsx";
import { ServerStatusBanner } from "./components/ServerStatusBanner.tsx";
import { DevMailboxScreen } from "./features/dev/DevMailboxScreen.tsx";
import { AccountScreen } from "./features/identity/AccountScreen.tsx";
import { ConfirmEmailChangeScreen } from "./features/identity/ConfirmEmailChangeScreen.tsx";
import { ForgotPasswordScreen } from "./features/identity/ForgotPasswordScreen.tsx";
import { LoginScreen } from "./features/identity/LoginScreen.tsx";
import { ResetPasswordScreen } from "./features/identity/ResetPasswordScreen.tsx";
import { SignupScreen } from "./features/identity/SignupScreen.tsx";
import { VerifyEmailScreen } from "./features/identity/VerifyEmailScreen.tsx";
import { ActivityScreen } from "./features/organizations/ActivityScreen.tsx";
import { InvitationScreen } from "./features/organizations/InvitationScreen.tsx";
import { OrganizationScreen } from "./features/organizations/OrganizationScreen.tsx";
import { OrganizationsScreen } from "./features/organizations/OrganizationsScreen.tsx";
import { ProjectScreen } from "./features/tasks/ProjectScreen.tsx";
import { TaskScreen } from "./features/tasks/TaskScreen.tsx";
import { useLocation } from "./navigation.tsx";
import { type AppPath, isAppPath, paths } from "./paths.ts";
import { HomeScreen } from "./screens/HomeScreen.tsx";
import { NotFoundScreen } from "./screens/NotFoundScreen.tsx";

interface Route {
  title: string;
  Screen: ComponentType;
  /**
   * The query parameters that name what the screen shows. Others (the task list's filters) are the screen's own
   * state, kept in the address so a reload or a shared link keeps them: changing one must not restart the screen.
   * Unset: every parameter counts.
   */
  identity?: readonly string[];
}

const notFound: Route = { title: "Not found", Screen: NotFoundScreen };

const routes: Record<AppPath, Route> = {
  [paths.home]: { title: "", Screen: HomeScreen },
  [paths.signup]: { title: "Sign up", Screen: SignupScreen },
  [paths.login]: { title: "Log in", Screen: LoginScreen },
  [paths.verifyEmail]: { title: "Verify your email", Screen: VerifyEmailScreen },
  [paths.forgotPassword]: { title: "Forgot password", Screen: ForgotPasswordScreen },
  [paths.resetPassword]: { title: "Set a new password", Screen: ResetPasswordScreen },
  [paths.account]: { title: "Account", Screen: AccountScreen },
  [paths.confirmEmailChange]: { title: "Confirm your new email", Screen: ConfirmEmailChangeScreen },
  [paths.organizations]: { title: "Organizations", Screen: OrganizationsScreen },
  [paths.organization]: { title: "Organization", Screen: OrganizationScreen },
  [paths.activity]: { title: "Activity", Screen: ActivityScreen },
  [paths.project]: { title: "Project", Screen: ProjectScreen, identity: ["org", "id"] },
  [paths.task]: { title: "Task", Screen: TaskScreen },
  [paths.invitation]: { title: "Invitation", Screen: InvitationScreen },
  // `import.meta.env.DEV` is the literal `false` in a production build, so the mailbox screen is left out of it.
  [paths.devMailbox]: import.meta.env.DEV ? { title: "Mailbox", Screen: DevMailboxScreen } : notFound,
};

function screenKey(search: URLSearchParams, identity: readonly string[] | undefined): string {
  if (!identity) return search.toString();
  return identity.map((name) => `${name}=${search.get(name) ?? ""}`).join("&");
}

export function App() {
  const { pathname, search } = useLocation();
  const route = isAppPath(pathname) ? routes[pathname] : notFound;

  useEffect(() => {
    document.title = route.title ? `${route.title} · plinth` : "plinth";
  }, [route.title]);

  return (
    <>
      <AppHeader />
      <ServerStatusBanner />
      <main className="page">
        {/* Keyed by address: another page, or another link's token, starts the screen afresh (forms empty). */}
        <route.Screen key={`${pathname}?${screenKey(search, route.identity)}`} />
      </main>
    </>
  );
}
