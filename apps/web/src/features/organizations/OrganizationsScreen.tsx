import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { Link, navigate } from "../../navigation.tsx";
import { hrefs } from "../../paths.ts";
import { useTRPC } from "../../trpc.ts";

const fields = ["name", "slug"] as const;

/** The organizations the signed-in person belongs to, and a form to start a new one (its creator owns it). */
export function OrganizationsScreen() {
  const trpc = useTRPC();
  const organizations = useQuery(trpc.organizations.list.queryOptions());
  return (
    <>
      <section className="card" aria-labelledby="orgs-title">
        <h2 id="orgs-title">My organizations</h2>
        {organizations.isPending ? (
          <p className="muted">Loading organizations…</p>
        ) : organizations.error ? (
          <ErrorNotice title="Could not load your organizations" error={organizations.error} />
        ) : organizations.data.length === 0 ? (
          <p className="muted">
            You are not in any organization yet. Create one below, or accept an invitation.
          </p>
        ) : (
          <ul className="users">
            {organizations.data.map((org) => (
              <li key={org.id}>
                <Link to={hrefs.organization(org.id)} className="name">
                  {org.name}
                </Link>
                <span className="muted">{org.role}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CreateOrganizationForm />
    </>
  );
}

function CreateOrganizationForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.organizations.create.mutationOptions({
      onSuccess: async (org) => {
        await queryClient.invalidateQueries(trpc.organizations.list.queryFilter());
        navigate(hrefs.organization(org.id));
      },
    }),
  );
  const errors = fieldErrorsOf(create.error, fields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(readForm(event.currentTarget, fields));
  };
  return (
    <section className="card" aria-labelledby="new-org-title">
      <h2 id="new-org-title">New organization</h2>
      <form onSubmit={submit}>
        <Field label="Organization name" name="name" required error={errors.name} />
        <Field
          label="Slug"
          name="slug"
          required
          hint="Lowercase letters, digits and single hyphens, e.g. acme-labs."
          error={errors.slug}
        />
        <FormError title="Could not create the organization" error={create.error} fields={fields} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create organization"}
        </button>
      </form>
    </section>
  );
}
