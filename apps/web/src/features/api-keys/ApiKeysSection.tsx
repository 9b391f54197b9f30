import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf } from "../../form-errors.ts";
import { formatDate, formatDateTime } from "../../format.ts";
import { type ApiKey, useTRPC } from "../../trpc.ts";
import {
  describeScopes,
  expiryChoices,
  keyState,
  maskedToken,
  readKeyForm,
  toCreateInput,
} from "./api-key-form.ts";

const fields = ["name", "scopes", "expiresInDays"] as const;

/** Personal API keys: create one (its token shown once), see which exist, revoke one after a confirmation. */
export function ApiKeysSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery({ ...trpc.apiKeys.list.queryOptions(), staleTime: 0 });
  const refresh = () => queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSettled: refresh }));
  const [confirming, setConfirming] = useState<string | null>(null);
  const errors = fieldErrorsOf(create.error, fields);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate(toCreateInput(readKeyForm(form)), { onSuccess: () => form.reset() });
  };

  return (
    <section className="card" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">API keys</h2>
      <p className="muted">
        A key lets a script or another service call the API as you, with your memberships. A read-only key
        cannot change anything. Keys cannot manage your account or other keys.
      </p>
      {keys.isPending ? (
        <p className="muted">Loading API keys…</p>
      ) : keys.error?.data?.appCode === "EMAIL_NOT_VERIFIED" ? (
        <p className="muted">Verify your email address to create API keys.</p>
      ) : keys.error ? (
        <ErrorNotice title="Could not load your API keys" error={keys.error} />
      ) : keys.data.length === 0 ? (
        <p className="muted">You have no API keys.</p>
      ) : (
        <ul className="api-keys" aria-label="Your API keys">
          {keys.data.map((key) => (
            <ApiKeyRow
              key={key.id}
              apiKey={key}
              confirming={confirming === key.id}
              pending={revoke.isPending && revoke.variables.id === key.id}
              onAsk={() => setConfirming(key.id)}
              onCancel={() => setConfirming(null)}
              onRevoke={() => revoke.mutate({ id: key.id }, { onSettled: () => setConfirming(null) })}
            />
          ))}
        </ul>
      )}
      {revoke.error ? <ErrorNotice title="Could not revoke the key" error={revoke.error} /> : null}

      {create.data ? <NewKeyNotice token={create.data.token} onDone={() => create.reset()} /> : null}

      <form onSubmit={submit} aria-label="Create an API key">
        <h3>Create a key</h3>
        <Field
          label="Name"
          name="name"
          required
          maxLength={100}
          hint="What uses it: “CI deploy”."
          error={errors.name}
        />
        <fieldset className={errors.scopes ? "field invalid" : "field"}>
          <legend>Scopes</legend>
          <label>
            <input type="checkbox" name="read" defaultChecked /> read
          </label>{" "}
          <label>
            <input type="checkbox" name="write" /> write
          </label>
          {errors.scopes ? <p className="field-error">{errors.scopes}</p> : null}
        </fieldset>
        <div className="field">
          <label htmlFor="api-key-expiry">Expires</label>
          <select id="api-key-expiry" name="expiry" defaultValue="90">
            {expiryChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <FormError title="Could not create the key" error={create.error} fields={fields} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </button>
      </form>
    </section>
  );
}

/** The token, once: it is stored only as a hash, so closing this is the last chance to copy it. */
function NewKeyNotice({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(token).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  return (
    <div className="notice new-api-key" role="status">
      <p>
        <strong>Copy your new key now.</strong> It will not be shown again; if you lose it, revoke it and
        create another.
      </p>
      <input
        className="token"
        aria-label="New API key"
        readOnly
        value={token}
        onFocus={(e) => e.currentTarget.select()}
      />{" "}
      <button type="button" onClick={copy}>
        {copied === "yes" ? "Copied" : "Copy"}
      </button>{" "}
      <button type="button" onClick={onDone}>
        Done
      </button>
      {copied === "failed" ? (
        <p className="field-error">Could not copy; select the key and copy it by hand.</p>
      ) : null}
    </div>
  );
}

interface ApiKeyRowProps {
  apiKey: ApiKey;
  confirming: boolean;
  pending: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onRevoke: () => void;
}

function ApiKeyRow({ apiKey: key, confirming, pending, onAsk, onCancel, onRevoke }: ApiKeyRowProps) {
  const expired = keyState(key, new Date()) === "expired";
  return (
    <li>
      <div>
        <span className="name">{key.name}</span> <code>{maskedToken(key)}</code>{" "}
        <span className="badge">{describeScopes(key.scopes)}</span>{" "}
        {expired ? <span className="badge warn">expired</span> : null}
        <div className="muted small">
          created <time dateTime={key.createdAt.toISOString()}>{formatDate(key.createdAt)}</time> ·{" "}
          {key.lastUsedAt ? (
            <>
              last used <time dateTime={key.lastUsedAt.toISOString()}>{formatDateTime(key.lastUsedAt)}</time>
            </>
          ) : (
            "never used"
          )}{" "}
          ·{" "}
          {key.expiresAt ? (
            <>
              {expired ? "expired" : "expires"}{" "}
              <time dateTime={key.expiresAt.toISOString()}>{formatDate(key.expiresAt)}</time>
            </>
          ) : (
            "no expiry"
          )}
        </div>
      </div>
      {confirming ? (
        <span>
          <span className="small">Revoke “{key.name}”? Anything using it stops working.</span>{" "}
          <button type="button" className="danger" onClick={onRevoke} disabled={pending}>
            {pending ? "Revoking…" : "Revoke"}
          </button>{" "}
          <button type="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={onAsk}>
          Revoke…
        </button>
      )}
    </li>
  );
}
