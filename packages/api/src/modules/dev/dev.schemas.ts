import { z } from "zod";
import { text } from "../../core/inputs.ts";

export const mailboxInput = z.strictObject({
  to: text({ trim: true, max: 254 }).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts).

export const mailboxEmailOutput = z
  .strictObject({
    id: z.uuid(),
    kind: z.string().describe("What the email is for, e.g. `email_verification`"),
    to: z.string(),
    subject: z.string(),
    text: z.string().describe("The plain-text body, links included"),
    createdAt: z.date(),
    sentAt: z.date().nullable().describe("null while the email waits in the outbox"),
  })
  .meta({ id: "DevMailboxEmail", description: "An email in the outbox (development only)" });
export const mailboxOutput = z.array(mailboxEmailOutput).describe("The newest emails first");
