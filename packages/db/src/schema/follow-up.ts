import { acceptanceStates, assessmentStatuses, replyKinds } from '@tracker/domain';
import { sql } from 'drizzle-orm';
import { char, check, date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recommendations } from './catalogue';
import { createdAt, oneOf, tstz } from './columns';
import { evidence } from './evidence';
import { states } from './states';
import { users } from './users';

/** The review columns replies and commitments share: entered by one person, accepted by another. */
const reviewColumns = () => ({
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id, { onDelete: 'restrict' }),
  reviewState: text('review_state', { enum: acceptanceStates }).notNull().default('proposed'),
  reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'restrict' }),
  reviewedAt: tstz('reviewed_at'),
  reviewNote: text('review_note'),
  createdAt: createdAt(),
});

/**
 * A State's own word on a recommendation (an official reply, a self-assessment, a response to a
 * review), entered by staff from the State's communication. Shown beside the verified status once
 * another person accepted it, with the reviewer's note as the tracker's answer.
 */
export const replies = pgTable(
  'replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'restrict' }),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: replyKinds }).notNull(),
    summary: text('summary').notNull(),
    sourceUrl: text('source_url').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    claimedStatus: text('claimed_status', { enum: assessmentStatuses }),
    ...reviewColumns(),
  },
  (t) => [
    oneOf('replies_kind_known', t.kind, replyKinds),
    oneOf('replies_claimed_status_known', t.claimedStatus, assessmentStatuses),
    oneOf('replies_review_state_known', t.reviewState, acceptanceStates),
    check('replies_source_url_scheme', sql`${t.sourceUrl} ~ '^https?://'`),
    check('replies_four_eyes', sql`${t.reviewerId} is null or ${t.reviewerId} <> ${t.createdBy}`),
    check('replies_review_complete', sql`(${t.reviewState} = 'proposed') = (${t.reviewerId} is null and ${t.reviewedAt} is null)`),
    index('replies_cell_idx').on(t.iso3, t.recommendationId, t.publishedOn),
    index('replies_queue_idx').on(t.reviewState, t.createdAt),
  ],
);

/**
 * What a State promised, about which recommendations, and by when. Its state on a date (open, due
 * soon, overdue, met, withdrawn) is derived from these dates, never stored.
 */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'restrict' }),
    text: text('text').notNull(),
    sourceUrl: text('source_url').notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    dueBy: date('due_by', { mode: 'string' }),
    metOn: date('met_on', { mode: 'string' }),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawalReason: text('withdrawal_reason'),
    /** Who recorded it met or withdrawn, and their note. */
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'restrict' }),
    closeNote: text('close_note'),
    /** When followers were told it falls due soon, and that it is overdue: each once. */
    dueSoonToldAt: tstz('due_soon_told_at'),
    overdueToldAt: tstz('overdue_told_at'),
    ...reviewColumns(),
  },
  (t) => [
    oneOf('commitments_review_state_known', t.reviewState, acceptanceStates),
    check('commitments_source_url_scheme', sql`${t.sourceUrl} ~ '^https?://'`),
    check('commitments_four_eyes', sql`${t.reviewerId} is null or ${t.reviewerId} <> ${t.createdBy}`),
    check('commitments_review_complete', sql`(${t.reviewState} = 'proposed') = (${t.reviewerId} is null and ${t.reviewedAt} is null)`),
    check('commitments_due_after_made', sql`${t.dueBy} is null or ${t.dueBy} >= ${t.madeOn}`),
    check('commitments_withdrawal_has_reason', sql`(${t.withdrawnOn} is null) = (${t.withdrawalReason} is null)`),
    check('commitments_closed_once', sql`${t.metOn} is null or ${t.withdrawnOn} is null`),
    check('commitments_closed_when_accepted', sql`(${t.metOn} is null and ${t.withdrawnOn} is null) or ${t.reviewState} = 'accepted'`),
    index('commitments_state_idx').on(t.iso3, t.madeOn),
    index('commitments_due_idx').on(t.dueBy).where(sql`${t.reviewState} = 'accepted' and ${t.metOn} is null and ${t.withdrawnOn} is null`),
    index('commitments_queue_idx').on(t.reviewState, t.createdAt),
  ],
);

export const commitmentRecommendations = pgTable(
  'commitment_recommendations',
  {
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.recommendationId] }), index('commitment_recommendations_rec_idx').on(t.recommendationId)],
);

/** The verified evidence a reviewer linked to show a commitment met. */
export const commitmentEvidence = pgTable(
  'commitment_evidence',
  {
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.evidenceId] })],
);
