/**
 * The whole account journey in a real browser, against the real API server on a fresh embedded database:
 * sign up, verify the email from the development mailbox, log out and in, see the sessions and sign another
 * browser out, create, use and revoke an API key, change the email, reset the password through the mailbox, and
 * prove the old password no longer works. Run it alone with
 * `pnpm --filter @plinth/web test:e2e`; set E2E_SCREENSHOT_DIR to keep the screenshots it takes at each step.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install chromium`); without it the file is skipped.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { withTimeout } from "@plinth/test-processes";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepScreenshotsIn } from "./support/env.ts";
import { CHROMIUM, type Stack, startStack } from "./support/stack.ts";

const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) {
  console.warn(
    `e2e/auth-flow.test.ts skipped: no Chromium at ${CHROMIUM}. Install it with \`apt-get install chromium\`.`,
  );
}

/** How long one expectation waits for the page: generous, since two cores also run the other test files. */
const SEE_TIMEOUT = 20_000;

const user = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  newEmail: "ada.lovelace@example.com",
  password: "violet-otter-harbour-42",
  newPassword: "quiet-lantern-meadow-91",
};

describe.skipIf(chromiumMissing)(`sign-up to password reset in Chromium (${CHROMIUM})`, () => {
  // The real API server (as `pnpm dev` runs it, without watch mode) on its own new embedded database, the web
  // app's own Vite config with /trpc proxied to it, and Chromium.
  let stack: Stack | undefined;
  let page: Page;
  /** Every tRPC procedure the page called, in order (a batch counts each of its procedures). */
  const calls: string[] = [];
  const api = () => stack?.api;

  beforeAll(async () => {
    stack = await startStack({ seeTimeout: SEE_TIMEOUT, prefix: "plinth-e2e-" });
    page = await (await stack.newContext()).newPage();
    // Vite compiles the app on its first request. On a busy two-core machine that takes far longer than one page
    // expectation may wait, so the first load is part of setup, with its own deadline and message.
    await withTimeout(
      page.goto("/", { timeout: 0, waitUntil: "load" }),
      120_000,
      "the web app's first page load (Vite compiling it) did not finish",
    );
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/trpc/")) calls.push(...url.pathname.slice("/trpc/".length).split(","));
    });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (keepScreenshotsIn) console.log(`e2e screenshots kept in ${keepScreenshotsIn}`);
  }, 60_000);

  /** Visible text, waited for: the way a person checks the page. */
  const see = async (text: string | RegExp) => {
    await page.getByText(text).first().waitFor({ state: "visible" });
  };
  const shot = async (name: string) => {
    const path = join(stack?.screenshotDir ?? ".", `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };

  // The steps share one browser page, so after a failure the later ones are skipped rather than failing
  // confusingly; the failing step leaves a screenshot of what the page showed.
  let failedStep: string | null = null;
  const step = (name: string, body: () => Promise<void>) =>
    it(name, async (ctx) => {
      if (failedStep) ctx.skip(`skipped: "${failedStep}" failed`);
      try {
        await body();
      } catch (error) {
        failedStep = name;
        const path = await shot(`failed-${name.replace(/\W+/g, "-")}`).catch(() => null);
        if (path && api()) console.error(`screenshot: ${path}\nAPI output:\n${api()?.output()}`);
        throw error;
      }
    }, 90_000);

  step("the home page shows the API as healthy and nobody signed in", async () => {
    await page.goto("/");
    await see("API health");
    await page.locator(".badge.ok", { hasText: "ok" }).waitFor();
    await expect(page.getByRole("link", { name: "Log in", exact: true }).isVisible()).resolves.toBe(true);
    await shot("01-home-signed-out");
  });

  step("signs up and sees the unverified-email banner", async () => {
    await page.getByRole("link", { name: "Sign up" }).first().click();
    await see("Create an account");
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    // A password the server refuses: its message appears next to the password field, not as a general error.
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.locator(".field.invalid .field-error", { hasText: "Use at least 8 characters" }).waitFor();
    await expect(page.getByRole("alert").count()).resolves.toBe(0);
    await expect(page.getByLabel("Password").getAttribute("aria-invalid")).resolves.toBe("true");
    await shot("02-signup-weak-password");

    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign up" }).click();

    await see(`Signed in as ${user.name}`);
    await see("Verify your email.");
    await see(`We sent a link to ${user.email}`);
    await expect(page.getByRole("button", { name: "Resend" }).isEnabled()).resolves.toBe(true);
    await shot("03-signed-up-unverified");
  });

  step("resending the link is rate-limited, and the page says how long to wait", async () => {
    const resend = page.getByRole("button", { name: "Resend" });
    // The server allows three resends per account in 15 minutes; the fourth is answered 429 with a Retry-After.
    const clickAndWaitForAnswer = async () => {
      const answered = page.waitForResponse((r) => r.url().includes("auth.resendVerification"));
      await resend.click();
      return (await answered).status();
    };
    for (let i = 0; i < 3; i++) {
      await expect(clickAndWaitForAnswer()).resolves.toBe(200);
      await see(`A new link is on its way to ${user.email}.`);
    }
    await expect(clickAndWaitForAnswer()).resolves.toBe(429);
    await see("Could not resend the link");
    // A sentence, not the appCode (apps/web/src/lib/error-messages.ts).
    await see("Too many attempts. Please wait a moment.");
    await expect(page.getByText("TOO_MANY_REQUESTS").count()).resolves.toBe(0);
    await see(/Try again in \d+ (seconds|minutes)\./);
    await shot("03b-resend-rate-limited");
  });

  step("follows the verification link from the dev mailbox, posting the token once", async () => {
    await page.getByRole("link", { name: "Mailbox (dev)" }).click();
    await see("Development mailbox");
    const email = page.getByRole("article", { name: "Verify your email address" }).first();
    await email.waitFor();
    await expect(email.textContent()).resolves.toContain(`Hello ${user.name}`);
    await shot("04-mailbox-verification");
    await email.getByRole("link", { name: /\/verify-email\?token=/ }).click();

    await see(`Thank you: ${user.email} is verified.`);
    // StrictMode runs effects twice in development; the single-use token must still be posted only once.
    expect(calls.filter((c) => c === "auth.verifyEmail")).toHaveLength(1);
    await shot("05-verified");

    await page.getByRole("link", { name: "Continue" }).click();
    await see(`Welcome, ${user.name}`);
    await expect(page.getByText("Verify your email.").count()).resolves.toBe(0);
  });

  step("logs out and logs back in", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await see("Create an account");
    await expect(page.getByTestId("signed-in-as").count()).resolves.toBe(0);

    await page.getByRole("link", { name: "Log in", exact: true }).click();
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await see(`Signed in as ${user.name}`);
  });

  step("the account page lists this browser's session as the current one", async () => {
    await page.getByRole("link", { name: "Account", exact: true }).click();
    await see("Sign out everywhere else");
    const sessions = page.locator("ul.sessions > li");
    await sessions.first().waitFor();
    // Signing up started a session, but logging out ended it: only the login's session is left.
    await expect(sessions.count()).resolves.toBe(1);
    await expect(sessions.first().textContent()).resolves.toMatch(/Chrome on Linux.*This browser/);
    await expect(sessions.first().getByRole("button", { name: "Sign out" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Sign out everywhere else" }).isDisabled()).resolves.toBe(
      true,
    );
    await expect(page.getByText("verified", { exact: true }).count()).resolves.toBe(1);
    await shot("06-account");
  });

  step("another browser's session shows up there, and can be signed out from there", async () => {
    const other = await stack?.newContext();
    if (!other) throw new Error("no browser");
    try {
      const otherPage = await other.newPage();
      await otherPage.goto("/login");
      await otherPage.getByLabel("Email").fill(user.email);
      await otherPage.getByLabel("Password").fill(user.password);
      await otherPage.getByRole("button", { name: "Log in" }).click();
      await otherPage.getByText(`Signed in as ${user.name}`).waitFor();

      await page.reload();
      const sessions = page.locator("ul.sessions > li");
      await expect.poll(() => sessions.count(), { timeout: SEE_TIMEOUT }).toBe(2);
      const otherRow = sessions.filter({ hasNotText: "This browser" });
      await expect(otherRow.count()).resolves.toBe(1);
      await shot("06b-account-two-sessions");
      await otherRow.getByRole("button", { name: "Sign out" }).click();
      await expect.poll(() => sessions.count(), { timeout: SEE_TIMEOUT }).toBe(1);
      await expect(sessions.first().textContent()).resolves.toContain("This browser");

      // The other browser finds itself signed out on its next request.
      await otherPage.reload();
      await otherPage.getByRole("link", { name: "Log in", exact: true }).waitFor();
      await expect(otherPage.getByTestId("signed-in-as").count()).resolves.toBe(0);
    } finally {
      await withTimeout(other.close(), 15_000, "second context close").catch((e) => console.error(e));
    }
  });

  step("creates an API key, sees it once, uses it from outside the browser, and revokes it", async () => {
    const webUrl = stack?.webUrl ?? "";
    const asKey = (token: string, path: string, init: RequestInit = {}) =>
      fetch(`${webUrl}/trpc/${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
    const section = page.getByRole("region", { name: "API keys" });
    await section.getByText("You have no API keys.").waitFor();
    await section.getByLabel("Name", { exact: true }).fill("CI script");
    await section.getByRole("button", { name: "Create key" }).click();
    const tokenBox = section.getByLabel("New API key");
    await tokenBox.waitFor();
    const token = await tokenBox.inputValue();
    expect(token).toMatch(/^plinth_[a-z2-7]{12}_[a-z2-7]{32}$/);
    await see("It will not be shown again");
    await shot("06e-api-key-created");

    // The key acts as this user from a script; its read scope stops a write.
    const me = await asKey(token, "account.me");
    expect(me.status).toBe(200);
    await expect(me.text()).resolves.toContain(user.email);
    const write = await asKey(token, "organizations.create", {
      method: "POST",
      body: JSON.stringify({ json: { name: "Nope", slug: "nope" } }),
    });
    expect(write.status).toBe(403);
    await expect(write.text()).resolves.toContain("INSUFFICIENT_SCOPE");

    await section.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => section.getByLabel("New API key").count(), { timeout: SEE_TIMEOUT }).toBe(0);
    const rows = section.locator("ul.api-keys > li");
    await expect.poll(() => rows.count(), { timeout: SEE_TIMEOUT }).toBe(1);
    await expect(rows.first().textContent()).resolves.toMatch(/CI script.*read only/);
    await expect(rows.first().textContent()).resolves.not.toContain(token.slice(-32));
    await rows.first().getByRole("button", { name: "Revoke…" }).click();
    await see("Anything using it stops working.");
    await shot("06f-api-key-confirm-revoke");
    await rows.first().getByRole("button", { name: "Revoke", exact: true }).click();
    await section.getByText("You have no API keys.").waitFor();
    expect((await asKey(token, "account.me")).status).toBe(401);
  });

  step("a wrong current password is reported next to that field", async () => {
    const form = page.getByRole("region", { name: "Change password" });
    await form.getByLabel("Current password").fill("not-my-password");
    await form.getByLabel("New password").fill("another-long-password-7");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.locator(".field.invalid .field-error", { hasText: "Incorrect" }).waitFor();
    await expect(form.getByLabel("Current password").getAttribute("aria-invalid")).resolves.toBe("true");
    // Everything the server said is at a field, so the form shows no general error line as well.
    await expect(form.getByRole("alert").count()).resolves.toBe(0);
  });

  step("changes the email through the link sent to the new address", async () => {
    const form = page.getByRole("region", { name: "Change email" });
    await form.getByLabel("New email").fill(user.newEmail);
    await form.getByLabel("Current password").fill(user.password);
    await form.getByRole("button", { name: "Change email" }).click();
    await see(`We sent a confirmation link to ${user.newEmail}`);
    await shot("06c-email-change-requested");

    await page.getByRole("link", { name: "Mailbox (dev)" }).click();
    const email = page.getByRole("article", { name: "Confirm your new email address" }).first();
    await email.waitFor();
    await expect(email.textContent()).resolves.toContain(`To ${user.newEmail}`);
    await email.getByRole("link", { name: /\/confirm-email-change\?token=/ }).click();
    await see(`Done: your account now signs in with ${user.newEmail}.`);
    expect(calls.filter((c) => c === "auth.confirmEmailChange")).toHaveLength(1);
    await shot("06d-email-changed");

    await page.getByRole("link", { name: "Back to your account" }).click();
    await see(user.newEmail);
  });

  step("asks for a password reset, which always gives the same answer", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await see("Create an account");
    await page.getByRole("link", { name: "Log in", exact: true }).click();
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await see("Forgot your password?");
    await page.getByLabel("Email").fill(user.newEmail);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await see(`If an account exists for ${user.newEmail}, we sent a link`);
    await shot("07-reset-requested");
  });

  step("sets a new password through the link in the dev mailbox", async () => {
    await page.getByRole("link", { name: "Mailbox (dev)" }).click();
    const email = page.getByRole("article", { name: "Reset your password" }).first();
    await email.waitFor();
    await email.getByRole("link", { name: /\/reset-password\?token=/ }).click();

    await see("Set a new password");
    await page.getByLabel("New password").fill(user.newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await see("Your password has been changed");
    await shot("08-password-reset");
  });

  step("the old password fails, the new one works", async () => {
    await page.getByRole("link", { name: "Log in with your new password" }).click();
    await page.getByLabel("Email").fill(user.newEmail);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await see("Email or password is incorrect");
    await page.locator('[role="alert"][data-app-code="INVALID_CREDENTIALS"]').waitFor();
    await expect(page.getByText("INVALID_CREDENTIALS").count()).resolves.toBe(0);
    await shot("09-old-password-refused");

    await page.getByLabel("Password").fill(user.newPassword);
    await page.getByRole("button", { name: "Log in" }).click();
    await see(`Signed in as ${user.name}`);
  });

  step("a link cut short reads as a sentence, not as zod's complaint about the token", async () => {
    await page.goto("/verify-email?token=too-short");
    await see("This verification link is invalid, used or expired");
    await see("This link is incomplete or has expired.");
    await expect(page.getByText("Too small").count()).resolves.toBe(0);
    await shot("09b-broken-link");
    await page.goto("/");
    await see(`Signed in as ${user.name}`);
  });

  step("logs out at the end, and leaves a screenshot", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await see("Create an account");
    await expect(page.getByTestId("signed-in-as").count()).resolves.toBe(0);
    const path = await shot("10-signed-out-at-the-end");
    expect(existsSync(path)).toBe(true);
  });

  step(
    "with the API down, the page calmly says it can't reach the server instead of a parser's error",
    async () => {
      // Vite's proxy then answers 502 with no JSON body (and logs a proxy error below): what a real proxy does.
      await api()?.stop(15_000);
      await page.goto("/");
      // Queries keep retrying an unreachable server, and one banner says so.
      await see("Can't reach the server; retrying…");
      // An action is not retried by itself, so its notice asks the person to try again.
      await page.goto("/login");
      await page.getByLabel("Email").fill(user.newEmail);
      await page.getByLabel("Password").fill(user.newPassword);
      await page.getByRole("button", { name: "Log in" }).click();
      await see("Can't reach the server. Check your connection and try again in a moment.");
      await expect(page.getByText(/Unexpected (token|end)|JSON/).count()).resolves.toBe(0);
      await shot("11-api-down");
    },
  );
});
