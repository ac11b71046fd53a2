import { siteKinds, siteStatuses } from '@tracker/domain';
import { sql } from 'drizzle-orm';
import { check, char, date, doublePrecision, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf } from './columns';
import { states } from './states';

/** A reported scam location: special economic zone, compound, casino hub or locality. */
export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: siteKinds }).notNull(),
    adminArea: text('admin_area'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    citation: text('citation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('sites_state_name').on(t.iso3, t.name),
    oneOf('sites_kind_known', t.kind, siteKinds),
    check('sites_latitude_range', sql`${t.latitude} between -90 and 90`),
    check('sites_longitude_range', sql`${t.longitude} between -180 and 180`),
    check('sites_coordinates_paired', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    index('sites_state_idx').on(t.iso3),
  ],
);

/** A site's status over time: each report is a row, the latest on or before a date is its status then. */
export const siteStatusEvents = pgTable(
  'site_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    status: text('status', { enum: siteStatuses }).notNull(),
    observedOn: date('observed_on', { mode: 'string' }).notNull(),
    note: text('note'),
    citation: text('citation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('site_status_events_status_known', t.status, siteStatuses),
    unique('site_status_events_once').on(t.siteId, t.observedOn, t.status),
    index('site_status_events_site_idx').on(t.siteId, t.observedOn),
  ],
);
