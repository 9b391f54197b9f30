import { Link } from "../../navigation.tsx";
import { splitMailText } from "./mail-links.ts";

/** A plain-text email body with its links clickable; links to app pages are followed in-app. */
export function MailText({ text }: { text: string }) {
  const parts = splitMailText(text);
  return (
    <pre className="mail-text">
      {parts.map((part, index) => {
        // The parts of one immutable text never reorder, so their positions are stable keys.
        const key = `${index}:${part.kind}`;
        if (part.kind === "app-link") {
          return (
            <Link key={key} to={part.to}>
              {part.text}
            </Link>
          );
        }
        if (part.kind === "external-link") {
          return (
            <a key={key} href={part.href} rel="noreferrer noopener" target="_blank">
              {part.text}
            </a>
          );
        }
        return <span key={key}>{part.text}</span>;
      })}
    </pre>
  );
}
