import { describe, expect, it } from "vitest";
import { splitMailText } from "./mail-links.ts";

describe("splitMailText", () => {
  it("turns links to app pages into in-app paths, whatever the host", () => {
    const text = "Hello Ada,\n\nOpen:\n\nhttp://localhost:5173/verify-email?token=ABC%2BD\n\nBye.\n";
    expect(splitMailText(text)).toEqual([
      { kind: "text", text: "Hello Ada,\n\nOpen:\n\n" },
      {
        kind: "app-link",
        text: "http://localhost:5173/verify-email?token=ABC%2BD",
        to: "/verify-email?token=ABC%2BD",
      },
      { kind: "text", text: "\n\nBye.\n" },
    ]);
    expect(splitMailText("https://app.example.com/reset-password?token=x")).toEqual([
      {
        kind: "app-link",
        text: "https://app.example.com/reset-password?token=x",
        to: "/reset-password?token=x",
      },
    ]);
  });

  it("keeps other links external and trims sentence punctuation", () => {
    expect(splitMailText("See https://example.com/help.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "external-link", text: "https://example.com/help", href: "https://example.com/help" },
      { kind: "text", text: "." },
    ]);
  });

  it("leaves text without links alone", () => {
    expect(splitMailText("No links here")).toEqual([{ kind: "text", text: "No links here" }]);
    expect(splitMailText("")).toEqual([]);
  });
});
