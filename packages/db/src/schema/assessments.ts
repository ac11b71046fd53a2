import { assessmentStatuses, reviewStates } from '@tracker/domain';
import { sql } from 'drizzle-orm';
import { boolean, char, check, date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recommendations } from './catalogue';
import { createdAt, oneOf, tstz } from './columns';
import { evidence } from './evidence';
import { states } from './states';
import { users } from './users';

/**
 * A judgement of one State against one recommendation, effective from a date. Append-only: a new
 * judgement is a new row, and the one in force on a date is the latest approved row on or before it.
 */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'restrict' }),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'restrict' }),
    status: text('status', { enum: assessmentStatuses }).notNull(),
    claimedStatus: text('claimed_status', { enum: assessmentStatuses }),
    rationale: text('rationale').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    reviewState: text('review_state', { enum: reviewStates }).notNull().default('proposed'),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'restrict' }),
    reviewedAt: tstz('reviewed_at'),
    reviewNote: text('review_note'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('assessments_status_known', t.status, assessmentStatuses),
    oneOf('assessments_claimed_status_known', t.claimedStatus, assessmentStatuses),
    oneOf('assessments_review_state_known', t.reviewState, reviewStates),
    check('assessments_four_eyes', sql`${t.reviewerId} is null or ${t.reviewerId} <> ${t.assessorId}`),
    check(
      'assessments_review_complete',
      sql`(${t.reviewState} = 'proposed') = (${t.reviewerId} is null and ${t.reviewedAt} is null)`,
    ),
    // Exactly the order the scorecards read the newest record of a cell in (DESC is NULLS FIRST in
    // an ORDER BY), so each lookup stops at its first row instead of sorting the cell's history.
    index('assessments_cell_idx')
      .on(t.iso3, t.recommendationId, t.effectiveFrom.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.reviewState} = 'approved'`),
    index('assessments_queue_idx').on(t.reviewState, t.createdAt),
  ],
);

/** The evidence an assessment rests on. */
export const assessmentEvidence = pgTable(
  'assessment_evidence',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.evidenceId] }),
    index('assessment_evidence_evidence_idx').on(t.evidenceId),
  ],
);
