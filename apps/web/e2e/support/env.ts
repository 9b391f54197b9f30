/**
 * The one place the end-to-end test reads process.env (Biome allows it only in files named env.ts).
 */

/** Set it to keep the test's screenshots in that folder; otherwise they go to a temp folder removed afterwards. */
export const keepScreenshotsIn: string | undefined = process.env.E2E_SCREENSHOT_DIR?.trim() || undefined;
