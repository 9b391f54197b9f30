/**
 * The domain in a real browser, two people in two browser profiles against the real API server on a fresh
 * embedded database: Ada creates an organization and invites Bob; Bob signs up, verifies through the dev mailbox
 * and accepts; Ada creates a project and enough tasks for two pages, filters them, scrolls to the second page,
 * changes a status, loses a race to Bob (STALE_WRITE rolls her optimistic change back with a sentence), comments,
 * and reads the activity feed. Then she renames the organization, edits a task and moves it to the second project,
 * edits and deletes a comment, sorts by priority (and a reload keeps sort and filters from the address), archives a
 * project, is refused leaving as the last owner, and deletes the organization after typing its slug.
 * Run it alone with `pnpm --filter @plinth/web test:e2e`.
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
if (chromiumMissing) console.warn(`e2e/domain-flow.test.ts skipped: no Chromium at ${CHROMIUM}.`);

/** How long one expectation waits for the page: generous, since two cores also run the other test files. */
const SEE_TIMEOUT = 20_000;
/** The task list's page size (features/tasks/ProjectScreen.tsx); the test creates two more than that. */
const PAGE_SIZE = 25;
const TASK_COUNT = PAGE_SIZE + 2;

const ada = { name: "Ada Lovelace", email: "ada@example.com", password: "violet-otter-harbour-42" };
const bob = { name: "Bob Babbage", email: "bob@example.com", password: "amber-heron-valley-17" };

describe.skipIf(chromiumMissing)("organizations, projects and tasks in Chromium", () => {
  let stack: Stack | undefined;
  let adaPage: Page;
  let bobPage: Page;
  /** Every tRPC call Ada's page made, as decoded URLs (a GET batch carries its inputs in the query string). */
  const adaCalls: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ seeTimeout: SEE_TIMEOUT, prefix: "plinth-e2e-domain-" });
    adaPage = await (await stack.newContext()).newPage();
    bobPage = await (await stack.newContext()).newPage();
    // Vite compiles the app on its first request: part of setup, with its own deadline.
    await withTimeout(
      adaPage.goto("/", { timeout: 0, waitUntil: "load" }),
      120_000,
      "the web app's first page load (Vite compiling it) did not finish",
    );
    await bobPage.goto("/", { timeout: 60_000 });
    adaPage.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/trpc/"))
        adaCalls.push(decodeURIComponent(request.url()));
    });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack && keepScreenshotsIn) console.log(`e2e screenshots kept in ${keepScreenshotsIn}`);
  }, 60_000);

  const see = async (page: Page, text: string | RegExp) => {
    await page.getByText(text).first().waitFor({ state: "visible" });
  };
  const shot = async (page: Page, name: string) => {
    if (!stack) return null;
    const path = join(stack.screenshotDir, `domain-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  const answerOf = (page: Page, procedure: string) =>
    page.waitForResponse((r) => new URL(r.url()).pathname.includes(procedure), { timeout: SEE_TIMEOUT });

  // One story across both pages: after a failure the later steps are skipped, with a screenshot of each page.
  let failedStep: string | null = null;
  const step = (name: string, body: () => Promise<void>) =>
    it(name, async (ctx) => {
      if (failedStep) ctx.skip(`skipped: "${failedStep}" failed`);
      try {
        await body();
      } catch (error) {
        failedStep = name;
        const slug = name.replace(/\W+/g, "-");
        const paths = [await shot(adaPage, `failed-ada-${slug}`), await shot(bobPage, `failed-bob-${slug}`)];
        console.error(`screenshots: ${paths.join(", ")}\nAPI output:\n${stack?.api.output()}`);
        throw error;
      }
    }, 120_000);

  const signUpAndVerify = async (page: Page, person: typeof ada) => {
    await page.getByRole("link", { name: "Sign up" }).first().click();
    await page.getByLabel("Name").fill(person.name);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await see(page, `Signed in as ${person.name}`);
    await page.getByRole("link", { name: "Mailbox (dev)" }).click();
    const email = page
      .getByRole("article", { name: "Verify your email address" })
      .filter({ hasText: `To ${person.email}` })
      .first();
    await email.getByRole("link", { name: /\/verify-email\?token=/ }).click();
    await see(page, `Thank you: ${person.email} is verified.`);
  };

  step("Ada signs up and creates an organization, which she owns", async () => {
    await signUpAndVerify(adaPage, ada);
    await adaPage.getByRole("link", { name: "Organizations", exact: true }).click();
    await see(adaPage, "You are not in any organization yet.");
    await adaPage.getByLabel("Organization name").fill("Acme Labs");
    await adaPage.getByLabel("Slug").fill("acme-labs");
    await adaPage.getByRole("button", { name: "Create organization" }).click();
    await adaPage.getByRole("heading", { name: "Acme Labs" }).waitFor();
    await see(adaPage, "You are an owner here.");
    await see(adaPage, "No projects yet.");
    await see(adaPage, "No pending invitations.");
  });

  step("Ada invites Bob; the invitation is pending", async () => {
    await adaPage.getByLabel("Email to invite").fill(bob.email);
    await adaPage.getByRole("button", { name: "Send invitation" }).click();
    await see(adaPage, `Invitation sent to ${bob.email}.`);
    const pending = adaPage.getByRole("region", { name: "Invitations" }).locator("ul.users > li");
    await pending.first().waitFor();
    await expect(pending.count()).resolves.toBe(1);
    await expect(pending.first().textContent()).resolves.toContain(bob.email);
    await shot(adaPage, "01-invited");
  });

  step("Bob signs up, verifies, and accepts the invitation from the mailbox", async () => {
    await signUpAndVerify(bobPage, bob);
    await bobPage.getByRole("link", { name: "Mailbox (dev)" }).click();
    const invitation = bobPage.getByRole("article", { name: "You are invited to Acme Labs" }).first();
    await invitation.getByRole("link", { name: /\/invitation\?token=/ }).click();
    await see(bobPage, `invited ${bob.email} to join Acme Labs as member`);
    await bobPage.getByRole("button", { name: "Accept invitation" }).click();
    await see(bobPage, "You are a member here.");
    const members = bobPage.getByTestId("member");
    await members.nth(1).waitFor();
    await expect(members.allTextContents()).resolves.toEqual([
      expect.stringContaining(ada.name),
      expect.stringContaining(`${bob.name} (you)`),
    ]);
    // Members see neither the invitations nor the activity feed: those are for admins and owners.
    await expect(bobPage.getByRole("heading", { name: "Invitations" }).count()).resolves.toBe(0);
    await expect(bobPage.getByRole("link", { name: "Activity feed" }).count()).resolves.toBe(0);
    await shot(bobPage, "02-bob-joined");
  });

  step("Ada sees Bob among the members and no invitation left pending", async () => {
    await adaPage.reload();
    await see(adaPage, "No pending invitations.");
    await adaPage.getByTestId("member").filter({ hasText: bob.name }).waitFor();
  });

  step(`Ada creates two projects and ${TASK_COUNT} tasks in the first`, async () => {
    const projects: [name: string, key: string][] = [
      ["Mobile app", "APP"],
      ["Website", "WEB"],
    ];
    for (const [name, key] of projects) {
      await adaPage.getByLabel("Project name").fill(name);
      await adaPage.getByLabel("Key").fill(key);
      await adaPage.getByRole("button", { name: "Create project" }).click();
      await adaPage.getByRole("link", { name }).waitFor();
      await expect.poll(() => adaPage.getByLabel("Key").inputValue(), { timeout: SEE_TIMEOUT }).toBe("");
    }
    await adaPage.getByRole("link", { name: "Website" }).click();
    await see(adaPage, "No tasks yet.");
    const titles = ["Fix login bug", "Write docs"];
    for (let i = 3; i <= TASK_COUNT; i++) titles.push(`Routine chore ${i}`);
    const newTask = adaPage.getByRole("region", { name: "New task" });
    for (const [index, title] of titles.entries()) {
      await newTask.getByLabel("Title").fill(title);
      await newTask.getByLabel("Priority").selectOption(index === 0 ? "Urgent" : "Low");
      const answered = answerOf(adaPage, "tasks.create");
      await newTask.getByRole("button", { name: "Create task" }).click();
      await expect(answered.then((r) => r.status())).resolves.toBe(200);
      // The form empties once the answer is in; waiting for it keeps the next title out of this submission.
      await expect.poll(() => newTask.getByLabel("Title").inputValue(), { timeout: SEE_TIMEOUT }).toBe("");
    }
  });

  step("the list shows one page, and scrolling to its end loads the next", async () => {
    await adaPage.reload();
    const rows = adaPage.getByTestId("task-row");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(PAGE_SIZE);
    // Newest first: the last task created heads the list.
    await expect(rows.first().textContent()).resolves.toContain(
      `WEB-${TASK_COUNT} Routine chore ${TASK_COUNT}`,
    );
    await adaPage.getByTestId("more-tasks").scrollIntoViewIfNeeded();
    await see(adaPage, `All ${TASK_COUNT} task(s) shown.`);
    await expect(rows.count()).resolves.toBe(TASK_COUNT);
    // The second page came from the server's cursor, not from a bigger first page.
    expect(adaCalls.some((url) => url.includes("tasks.list") && /"cursor":"[^"]+"/.test(url))).toBe(true);
    await shot(adaPage, "03-all-tasks");
  });

  step("filters narrow the list: priority, text search, assignee", async () => {
    const filters = adaPage.getByRole("form", { name: "Filter tasks" });
    const rows = adaPage.getByTestId("task-row");
    await filters.getByLabel("Priority").selectOption("Urgent");
    await expect
      .poll(() => rows.allTextContents(), { timeout: SEE_TIMEOUT })
      .toEqual([expect.stringContaining("WEB-1 Fix login bug")]);
    await filters.getByLabel("Priority").selectOption("Any");
    await filters.getByLabel("Search").fill("docs");
    await expect
      .poll(() => rows.allTextContents(), { timeout: SEE_TIMEOUT })
      .toEqual([expect.stringContaining("WEB-2 Write docs")]);
    await filters.getByLabel("Search").fill("");
    await filters.getByLabel("Assignee").selectOption("Me");
    await see(adaPage, "No tasks match these filters.");
    await filters.getByLabel("Assignee").selectOption("Anyone");
    // Back to the unfiltered list, both of its pages still loaded.
    await expect.poll(() => rows.count(), { timeout: SEE_TIMEOUT }).toBe(TASK_COUNT);
  });

  step("Ada changes a task's status, and it stays changed", async () => {
    await adaPage.getByRole("link", { name: "WEB-1 Fix login bug" }).click();
    await adaPage.getByRole("heading", { name: "WEB-1 Fix login bug" }).waitFor();
    const status = adaPage.getByLabel("Status");
    await expect(status.inputValue()).resolves.toBe("todo");
    const answered = answerOf(adaPage, "tasks.update");
    await status.selectOption("Done");
    await expect(answered.then((r) => r.status())).resolves.toBe(200);
    await adaPage.reload();
    await adaPage.getByRole("heading", { name: "WEB-1 Fix login bug" }).waitFor();
    await expect(adaPage.getByLabel("Status").inputValue()).resolves.toBe("done");
  });

  step("a change based on an old version is rolled back with a sentence (STALE_WRITE)", async () => {
    // Bob changes the task while Ada's page still shows the version she read.
    await bobPage.goto(adaPage.url());
    await bobPage.getByRole("heading", { name: "WEB-1 Fix login bug" }).waitFor();
    const bobAnswered = answerOf(bobPage, "tasks.update");
    await bobPage.getByLabel("Status").selectOption("In progress");
    await expect(bobAnswered.then((r) => r.status())).resolves.toBe(200);

    const status = adaPage.getByLabel("Status");
    await expect(status.inputValue()).resolves.toBe("done");
    const answered = answerOf(adaPage, "tasks.update");
    await status.selectOption("Canceled");
    await expect(answered.then((r) => r.status())).resolves.toBe(409);
    await see(adaPage, "The status was not changed");
    await see(adaPage, "Someone else changed this in the meantime.");
    await expect(adaPage.getByText("STALE_WRITE").count()).resolves.toBe(0);
    // Rolled back, then refreshed: the page now shows Bob's status, not Ada's refused one.
    await expect.poll(() => status.inputValue(), { timeout: SEE_TIMEOUT }).toBe("in_progress");
    await shot(adaPage, "04-stale-write");
  });

  step("Ada comments on the task", async () => {
    await see(adaPage, "No comments yet.");
    await adaPage.getByRole("textbox", { name: "Comment" }).fill("Fixed in the last release.");
    await adaPage.getByRole("button", { name: "Add comment" }).click();
    const comment = adaPage.getByTestId("comment").first();
    await comment.waitFor();
    await expect(comment.textContent()).resolves.toMatch(/Ada Lovelace.*Fixed in the last release\./);
    await expect(adaPage.getByRole("textbox", { name: "Comment" }).inputValue()).resolves.toBe("");
  });

  step("the status filter finds the task Bob moved, now with its comment", async () => {
    await adaPage.getByRole("link", { name: "Back to Website" }).click();
    await adaPage.getByRole("form", { name: "Filter tasks" }).getByLabel("In progress").check();
    const rows = adaPage.getByTestId("task-row");
    await expect
      .poll(() => rows.allTextContents(), { timeout: SEE_TIMEOUT })
      .toEqual([expect.stringMatching(/WEB-1 Fix login bug.*In progress.*1 comment/)]);
  });

  step("the activity feed shows what happened, newest first", async () => {
    await adaPage.getByRole("link", { name: "Back to the organization" }).click();
    await adaPage.getByRole("link", { name: "Activity feed" }).click();
    const entries = adaPage.locator("ul.activity > li");
    await entries.first().waitFor();
    await expect(entries.first().textContent()).resolves.toContain("Ada Lovelace: comment added");
    await see(adaPage, "Bob Babbage: task updated");
    // The 27 task creations fill the first page; the older events are one "Older activity" away.
    await adaPage.getByRole("button", { name: "Older activity" }).click();
    await see(adaPage, "Bob Babbage: invitation accepted");
    await see(adaPage, "Ada Lovelace: organization created");
    await shot(adaPage, "05-activity");
  });

  step("Ada renames the organization in its settings", async () => {
    await adaPage.getByRole("link", { name: "Back to the organization" }).click();
    const settings = adaPage.getByRole("region", { name: "Settings", exact: true });
    await settings.getByLabel("Organization name").fill("Acme Research");
    await settings.getByRole("button", { name: "Rename" }).click();
    await see(adaPage, "Renamed to Acme Research.");
    await adaPage.getByRole("heading", { name: "Acme Research" }).waitFor();
    await adaPage.getByRole("link", { name: "Organizations", exact: true }).click();
    await adaPage.getByRole("link", { name: "Acme Research" }).waitFor();
    await expect(adaPage.getByRole("link", { name: "Acme Labs" }).count()).resolves.toBe(0);
    await adaPage.getByRole("link", { name: "Acme Research" }).click();
  });

  step("Ada edits a task's title and priority, and the change survives a reload", async () => {
    await adaPage.getByRole("link", { name: "Website" }).click();
    // WEB-2 is on the list's second page; the search finds it on the first.
    await adaPage.getByRole("form", { name: "Filter tasks" }).getByLabel("Search").fill("docs");
    await adaPage.getByRole("link", { name: "WEB-2 Write docs" }).click();
    await adaPage.getByRole("heading", { name: "WEB-2 Write docs" }).waitFor();
    await adaPage.getByRole("button", { name: "Edit task" }).click();
    const form = adaPage.getByRole("form", { name: "Edit the task" });
    await form.getByLabel("Title").fill("Write the user guide");
    await form.getByLabel("Priority").selectOption("High");
    const sent = adaPage.waitForRequest((r) => new URL(r.url()).pathname.includes("tasks.update"), {
      timeout: SEE_TIMEOUT,
    });
    const answered = answerOf(adaPage, "tasks.update");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(answered.then((r) => r.status())).resolves.toBe(200);
    await adaPage.getByRole("heading", { name: "WEB-2 Write the user guide" }).waitFor();
    // Only the changed fields travel: the description, assignee and due date were not sent back.
    const body = (await sent).postData() ?? "";
    expect(body).toContain('"title":"Write the user guide"');
    expect(body).toContain('"priority":3');
    expect(body).not.toContain('"description"');
    expect(body).not.toContain('"dueDate"');
    await adaPage.reload();
    await adaPage.getByRole("heading", { name: "WEB-2 Write the user guide" }).waitFor();
    await expect(adaPage.getByTestId("task-priority").textContent()).resolves.toBe("High");
  });

  step("Ada moves the task to the second project, where it takes the next number", async () => {
    const move = adaPage.getByRole("form", { name: "Move the task" });
    await move.getByLabel("Move to project").selectOption({ label: "Mobile app (APP)" });
    await move.getByRole("button", { name: "Move" }).click();
    await see(adaPage, "Moved. It is now number 1 of its new project.");
    await adaPage.getByRole("heading", { name: "APP-1 Write the user guide" }).waitFor();
    await adaPage.getByRole("link", { name: "Back to Mobile app" }).waitFor();
    await shot(adaPage, "06-task-moved");
  });

  step("Ada edits her comment, then deletes it", async () => {
    await see(adaPage, "No comments yet.");
    await adaPage.getByRole("textbox", { name: "Comment", exact: true }).fill("First draft is up.");
    await adaPage.getByRole("button", { name: "Add comment" }).click();
    // The only comment on this task: a text filter would stop matching once the edit form replaces the text.
    const comment = adaPage.getByTestId("comment").first();
    await see(adaPage, "First draft is up.");
    await comment.getByRole("button", { name: "Edit" }).click();
    await comment.getByLabel("Edit comment").fill("Second draft is up.");
    await comment.getByRole("button", { name: "Save comment" }).click();
    const edited = adaPage.getByTestId("comment").filter({ hasText: "Second draft is up." });
    await edited.waitFor();
    await expect(edited.textContent()).resolves.toContain("(edited)");
    await expect(adaPage.getByText("First draft is up.").count()).resolves.toBe(0);
    await edited.getByRole("button", { name: "Delete" }).click();
    await edited.getByRole("button", { name: "Delete the comment" }).click();
    await see(adaPage, "No comments yet.");
  });

  step("sorting by priority puts the urgent task first, and a reload keeps sort and filters", async () => {
    await adaPage.getByRole("link", { name: "Back to Mobile app" }).click();
    await adaPage.getByRole("link", { name: "Back to the organization" }).click();
    await adaPage.getByRole("link", { name: "Website" }).click();
    const filters = adaPage.getByRole("form", { name: "Filter tasks" });
    const rows = adaPage.getByTestId("task-row");
    // Newest first by default: the last task created heads the list.
    await expect
      .poll(() => rows.first().textContent(), { timeout: SEE_TIMEOUT })
      .toContain(`WEB-${TASK_COUNT} Routine chore`);
    await filters.getByLabel("To do").check();
    await filters.getByLabel("In progress").check();
    await filters.getByLabel("Sort").selectOption("priority");
    // WEB-1 is the only urgent task; the rest are low, newest first among equals.
    await expect
      .poll(async () => (await rows.allTextContents()).slice(0, 2), { timeout: SEE_TIMEOUT })
      .toEqual([
        expect.stringContaining("WEB-1 Fix login bug"),
        expect.stringContaining(`WEB-${TASK_COUNT} Routine chore`),
      ]);
    const address = new URL(adaPage.url());
    expect(address.searchParams.get("sort")).toBe("priority");
    expect(address.searchParams.get("status")).toBe("in_progress,todo");

    await adaPage.reload();
    await rows.first().waitFor();
    await expect(filters.getByLabel("Sort").inputValue()).resolves.toBe("priority");
    await expect(filters.getByLabel("To do").isChecked()).resolves.toBe(true);
    await expect(filters.getByLabel("In progress").isChecked()).resolves.toBe(true);
    await expect(filters.getByLabel("Done").isChecked()).resolves.toBe(false);
    await expect(rows.first().textContent()).resolves.toContain("WEB-1 Fix login bug");
    await shot(adaPage, "07-sorted-by-priority");
  });

  step("Ada archives the project, and the organization's list marks it", async () => {
    const settings = adaPage.getByRole("region", { name: "Project settings" });
    await settings.getByRole("button", { name: "Archive project" }).click();
    await settings.getByRole("button", { name: "Unarchive project" }).waitFor();
    await adaPage.getByRole("link", { name: "Back to the organization" }).click();
    const website = adaPage.getByTestId("project-row").filter({ hasText: "Website" });
    await website.getByText("Archived").waitFor();
    const mobile = adaPage.getByTestId("project-row").filter({ hasText: "Mobile app" });
    await expect(mobile.getByText("Archived").count()).resolves.toBe(0);
    await shot(adaPage, "08-archived");
  });

  step("the last owner cannot leave: she is told to make someone else an owner first", async () => {
    const settings = adaPage.getByRole("region", { name: "Settings", exact: true });
    await settings.getByRole("button", { name: "Leave the organization" }).click();
    await settings.getByRole("button", { name: "Leave Acme Research" }).click();
    await see(adaPage, "You are still a member");
    await see(adaPage, "An organization needs at least one owner.");
    await settings.getByRole("button", { name: "Cancel" }).click();
  });

  step("Ada deletes the organization after typing its slug", async () => {
    const settings = adaPage.getByRole("region", { name: "Settings", exact: true });
    await settings.getByRole("button", { name: "Delete the organization" }).click();
    const confirm = settings.getByRole("button", { name: "Delete for everyone" });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await settings.getByLabel("Type acme-labs to confirm").fill("acme-labs");
    await confirm.click();
    await see(adaPage, "You are not in any organization yet.");
    // Bob's view of it is gone too.
    await bobPage.goto("/organizations");
    await see(bobPage, "You are not in any organization yet.");
  });
});
