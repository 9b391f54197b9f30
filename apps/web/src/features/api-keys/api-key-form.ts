import type { ApiKey, ApiKeyScope } from "../../trpc.ts";

/** The expiry choices the form offers, in days; "never" leaves the key valid until it is revoked. */
export const expiryChoices = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
] as const;

export interface ApiKeyFormValues {
  name: string;
  read: boolean;
  write: boolean;
  expiry: string;
}

/**
 * The `apiKeys.create` input from the form. The server checks everything again; this only shapes it (the
 * checkboxes into a scope list, the expiry choice into a number of days or nothing).
 */
export function toCreateInput(values: ApiKeyFormValues): {
  name: string;
  scopes: ApiKeyScope[];
  expiresInDays?: number;
} {
  const scopes: ApiKeyScope[] = [];
  if (values.read) scopes.push("read");
  if (values.write) scopes.push("write");
  const days = Number.parseInt(values.expiry, 10);
  return {
    name: values.name,
    scopes,
    ...(Number.isInteger(days) && days > 0 ? { expiresInDays: days } : {}),
  };
}

/** The form's values by field name. */
export function readKeyForm(form: HTMLFormElement): ApiKeyFormValues {
  const data = new FormData(form);
  const value = data.get("name");
  const expiry = data.get("expiry");
  return {
    name: typeof value === "string" ? value : "",
    read: data.get("read") !== null,
    write: data.get("write") !== null,
    expiry: typeof expiry === "string" ? expiry : "never",
  };
}

export type KeyState = "active" | "expired";

export function keyState(key: Pick<ApiKey, "expiresAt">, now: Date): KeyState {
  return key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** "read and write" or "read only": what the key may do. */
export function describeScopes(scopes: readonly ApiKeyScope[]): string {
  const read = scopes.includes("read");
  const write = scopes.includes("write");
  // `write` implies `read` on the server (ADR 016).
  if (write) return "read and write";
  return read ? "read only" : "none";
}

/** How the key appears in a list: its prefix and public id, never a secret (the rest is only shown once). */
export const maskedToken = (key: Pick<ApiKey, "publicId">): string => `plinth_${key.publicId}_…`;
