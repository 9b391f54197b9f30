import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Link, useLocation } from "../../navigation.tsx";
import { hrefs, paths } from "../../paths.ts";
import { useTRPC } from "../../trpc.ts";
import { InvitationsSection } from "./InvitationsSection.tsx";
import { MembersSection } from "./MembersSection.tsx";
import { OrganizationSettingsSection } from "./OrganizationSettingsSection.tsx";
import { ProjectsSection } from "./ProjectsSection.tsx";
import { canAdminister } from "./roles.ts";

/**
 * One organization (`?id=`): its projects, its members, for admins its pending invitations, and its settings
 * (rename, leave, delete).
 */
export function OrganizationScreen() {
  const id = useLocation().search.get("id") ?? "";
  const trpc = useTRPC();
  const organization = useQuery({
    ...trpc.organizations.byId.queryOptions({ organizationId: id }),
    enabled: id !== "",
  });

  if (!id) return <p>This address names no organization. Pick one from your organizations.</p>;
  if (organization.isPending) return <p className="muted">Loading the organization…</p>;
  if (organization.error) {
    return (
      <section className="card">
        <ErrorNotice title="Could not open this organization" error={organization.error} />
        <Link to={paths.organizations}>Back to my organizations</Link>
      </section>
    );
  }
  const org = organization.data;
  return (
    <>
      <section className="card">
        <h2>{org.name}</h2>
        <p className="muted">
          You are {org.role === "member" ? "a member" : `an ${org.role}`} here.{" "}
          {canAdminister(org.role) ? <Link to={hrefs.activity(org.id)}>Activity feed</Link> : null}
        </p>
      </section>
      <ProjectsSection organizationId={org.id} />
      <MembersSection organizationId={org.id} myRole={org.role} />
      {canAdminister(org.role) ? <InvitationsSection organizationId={org.id} /> : null}
      <OrganizationSettingsSection org={org} />
    </>
  );
}
