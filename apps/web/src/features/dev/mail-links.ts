import { isAppPath } from "../../paths.ts";

export type MailPart =
  | { kind: "text"; text: string }
  /** A link to one of the app's pages: followed in-app, whatever host the server put in the email. */
  | { kind: "app-link"; text: string; to: string }
  | { kind: "external-link"; text: string; href: string };

// Up to whitespace or a character that cannot end a URL in prose; trailing punctuation is trimmed below.
const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * Splits a plain-text email into text and links. A link to an app page keeps only its path and query, so the
 * mailbox works whichever origin the server thinks the app has (localhost:5173 in `pnpm dev`, a random port in
 * the end-to-end test).
 */
export function splitMailText(text: string): MailPart[] {
  const parts: MailPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(/[.,;:!?)\]]+$/, "");
    const start = match.index;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push(linkPart(raw));
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

function linkPart(raw: string): MailPart {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: "text", text: raw };
  }
  if (isAppPath(url.pathname)) return { kind: "app-link", text: raw, to: `${url.pathname}${url.search}` };
  return { kind: "external-link", text: raw, href: url.href };
}
