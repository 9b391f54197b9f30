import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * `organizations`: a tenant. `slug` is citext, so it is unique regardless of case. `version` moves with every
 * change of name or slug (a trigger), for optimistic concurrency.
 */
export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  slug: string;
  version: ColumnType<number, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, never>;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
