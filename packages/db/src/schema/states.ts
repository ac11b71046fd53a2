import { stateRoles } from '@tracker/domain';
import { sql } from 'drizzle-orm';
import { check, char, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, oneOf } from './columns';

/** A jurisdiction, keyed by ISO 3166-1 alpha-3, named by its UN short name. */
export const states = pgTable(
  'states',
  {
    iso3: char('iso3', { length: 3 }).primaryKey(),
    name: text('name').notNull(),
    /** UN M49 sub-region, e.g. South-eastern Asia. */
    region: text('region').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('states_iso3_upper', sql`${t.iso3} ~ '^[A-Z]{3}$'`)],
);

/** A State's role in the phenomenon, with the evidence for it. */
export const stateRoleClaims = pgTable(
  'state_roles',
  {
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'cascade' }),
    role: text('role', { enum: stateRoles }).notNull(),
    basis: text('basis').notNull(),
    citation: text('citation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.iso3, t.role] }), oneOf('state_roles_role_known', t.role, stateRoles)],
);
