import { z } from 'zod';
import { isoDateSchema, iso3Schema, recommendationKeySchema, recommendationKeysSchema, uuidSchema } from './identifiers';
import { fieldLimits } from './limits';
import { type Actor, isReviewerRole, type Verdict } from './lifecycle';
import { httpUrlSchema, text } from './text';
import { acceptanceStates, assessmentStatuses, commitmentStates, replyKinds, type CommitmentState } from './vocabulary';

/**
 * The follow-up loop: what a State says of itself (replies), what it promised and by when
 * (commitments). Both are entered by staff from the State's own communication and accepted by a
 * second person before the public reads them.
 */

const unique = <T>(items: T[]) => [...new Set(items)];

export const replyCreateInput = z.object({
  iso3: iso3Schema,
  recommendationKey: recommendationKeySchema,
  kind: z.enum(replyKinds),
  summary: text('The summary', 10, fieldLimits.replySummary),
  sourceUrl: httpUrlSchema,
  publishedOn: isoDateSchema,
  /** The status the State claims for itself, shown beside the verified one. */
  claimedStatus: z.enum(assessmentStatuses).nullish(),
});
export type ReplyCreateInput = z.infer<typeof replyCreateInput>;

/** Accepting publishes it; the note is the tracker's answer, shown beside the reply. */
export const followUpReviewInput = z.object({
  id: uuidSchema,
  decision: z.enum(['accept', 'return']),
  note: text('The note', 1, fieldLimits.reviewNote),
});
export type FollowUpReviewInput = z.infer<typeof followUpReviewInput>;

/**
 * A commitment is reviewed like evidence: `verify` and `reject` are taken as well, meaning accept
 * and return.
 */
export const commitmentReviewInput = followUpReviewInput.extend({
  decision: z.enum(['accept', 'return', 'verify', 'reject']).transform((d): FollowUpReviewInput['decision'] => (d === 'verify' ? 'accept' : d === 'reject' ? 'return' : d)),
});

export const replyListInput = z
  .object({
    iso3: iso3Schema.optional(),
    recommendationKey: recommendationKeySchema.optional(),
    /** Staff only: the replies awaiting review. The public reads accepted ones whatever is asked. */
    reviewState: z.enum(acceptanceStates).optional(),
  })
  .default({});

export const commitmentCreateInput = z
  .object({
    iso3: iso3Schema,
    recommendationKeys: recommendationKeysSchema,
    text: text('The commitment', 10, fieldLimits.commitmentText),
    sourceUrl: httpUrlSchema,
    madeOn: isoDateSchema,
    dueBy: isoDateSchema.nullish(),
  })
  .refine((v) => !v.dueBy || v.dueBy >= v.madeOn, { message: 'The deadline cannot come before the commitment was made.', path: ['dueBy'] });
export type CommitmentCreateInput = z.infer<typeof commitmentCreateInput>;

/**
 * What became of an accepted commitment: `met`, shown by verified evidence a reviewer links, or
 * `withdrawn` by the State, with the reason. Each on the day it happened, so the state as of any
 * earlier date is still what it was then.
 */
export const commitmentCloseInput = z.discriminatedUnion('outcome', [
  z.object({
    id: uuidSchema,
    outcome: z.literal('met'),
    on: isoDateSchema,
    evidenceIds: z.array(uuidSchema).min(1, 'Link the verified evidence that shows it done.').max(20, 'Link at most 20 items of evidence.').transform(unique),
    note: text('The note', 1, fieldLimits.reviewNote).optional(),
  }),
  z.object({
    id: uuidSchema,
    outcome: z.literal('withdrawn'),
    on: isoDateSchema,
    reason: text('The reason', 3, fieldLimits.retractReason),
  }),
]);
export type CommitmentCloseInput = z.infer<typeof commitmentCloseInput>;

export const commitmentListInput = z
  .object({
    iso3: iso3Schema.optional(),
    recommendationKey: recommendationKeySchema.optional(),
    state: z.enum(commitmentStates).optional(),
    /** The date the states are derived for; today when left out. */
    asOf: isoDateSchema.optional(),
    reviewState: z.enum(acceptanceStates).optional(),
  })
  .default({});

/** A commitment is `due_soon` from this many days before its deadline. */
export const DUE_SOON_DAYS = 60;

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

export interface CommitmentDates {
  madeOn: string;
  dueBy: string | null;
  metOn: string | null;
  withdrawnOn: string | null;
}

/**
 * A commitment's state on a date. Met or withdrawn count from the day they happened; a deadline
 * passed is `overdue` from the day after it; within DUE_SOON_DAYS of it, `due_soon`. Null before
 * the commitment was made: it did not exist yet.
 */
export function commitmentState(c: CommitmentDates, asOf: string): CommitmentState | null {
  if (c.madeOn > asOf) return null;
  if (c.withdrawnOn && c.withdrawnOn <= asOf) return 'withdrawn';
  if (c.metOn && c.metOn <= asOf) return 'met';
  if (!c.dueBy) return 'open';
  if (asOf > c.dueBy) return 'overdue';
  return dayNumber(c.dueBy) - dayNumber(asOf) <= DUE_SOON_DAYS ? 'due_soon' : 'open';
}

/** The day a commitment becomes `due_soon`: DUE_SOON_DAYS before its deadline. */
export const dueSoonFrom = (dueBy: string) => new Date((dayNumber(dueBy) - DUE_SOON_DAYS) * 86_400_000).toISOString().slice(0, 10);

const followUpNames = { reply: ['reply', 'replies'], commitment: ['commitment', 'commitments'] } as const;

/** Four eyes: whoever entered a reply or commitment may not accept it. */
export function mayReviewFollowUp(row: { createdBy: string; reviewState: string }, actor: Actor, what: keyof typeof followUpNames): Verdict {
  const [one, many] = followUpNames[what];
  if (!isReviewerRole(actor.role)) return { allowed: false, code: 'FORBIDDEN', reason: `Only reviewers decide on ${many}.` };
  if (row.createdBy === actor.id) return { allowed: false, code: 'FORBIDDEN', reason: `You entered this ${one}: another reviewer must decide.` };
  if (row.reviewState !== 'proposed') return { allowed: false, code: 'CONFLICT', reason: `This ${one} was already ${row.reviewState}.` };
  return { allowed: true };
}

/** The open data's filters of the commitments dataset (besides `asOf`). */
export const commitmentExportFilter = z.object({ iso3: iso3Schema.optional(), recommendationKey: recommendationKeySchema.optional(), state: z.enum(commitmentStates).optional() }).strict();
export const replyExportFilter = z.object({ iso3: iso3Schema.optional(), recommendationKey: recommendationKeySchema.optional() }).strict();
