import { intakeStatuses } from '@tracker/domain';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, oneOf, tstz } from './columns';
import { evidence } from './evidence';
import { users } from './users';

/**
 * Information sent from outside through /share. Everything the sender wrote is one sealed value
 * under the submission's own data key; nothing about the sender (address, cookie, browser) is
 * stored. Received at the hour, not the second, so the time cannot be matched to a server log.
 */
export const intakeSubmissions = pgTable(
  'intake_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The sealed content: what, where, when, source and the way to reach the sender. */
    content: jsonb('content').notNull(),
    receivedAt: tstz('received_at').notNull(),
    /** The proof of work's challenge, spent: a challenge is good for one submission. */
    challengeId: text('challenge_id').notNull().unique(),
    status: text('status', { enum: intakeStatuses }).notNull().default('new'),
    triagedBy: uuid('triaged_by').references(() => users.id, { onDelete: 'restrict' }),
    triagedAt: tstz('triaged_at'),
    /** The triager's reason, sealed like the content. */
    triageReason: jsonb('triage_reason'),
    /** The draft of evidence it became. */
    evidenceId: uuid('evidence_id').references(() => evidence.id, { onDelete: 'set null' }),
  },
  (t) => [
    oneOf('intake_status_known', t.status, intakeStatuses),
    check('intake_triage_complete', sql`(${t.status} = 'new') = (${t.triagedBy} is null and ${t.triagedAt} is null and ${t.triageReason} is null)`),
    index('intake_status_idx').on(t.status, t.receivedAt),
  ],
);

/** A submission's files, each sealed under the submission's key (name and bytes). */
export const intakeFiles = pgTable(
  'intake_files',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => intakeSubmissions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.position] }), check('intake_files_position', sql`${t.position} between 0 and 2`)],
);
