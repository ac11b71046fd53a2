import { z } from 'zod';
import { fieldLimits } from './limits';
import { isoDateSchema, iso3Schema, recommendationKeySchema, uuidSchema } from './identifiers';
import { text } from './text';
import { assessmentStatuses } from './vocabulary';

export const assessmentProposeInput = z.object({
  iso3: iso3Schema,
  recommendationKey: recommendationKeySchema,
  status: z.enum(assessmentStatuses),
  rationale: text('The rationale', 10, fieldLimits.rationale),
  effectiveFrom: isoDateSchema,
  evidenceIds: z.array(uuidSchema).max(50, 'Cite at most 50 items of evidence.').default([]).transform((ids) => [...new Set(ids)]),
  claimedStatus: z.enum(assessmentStatuses).nullish(),
});
export type AssessmentProposeInput = z.infer<typeof assessmentProposeInput>;

export const assessmentReviewInput = z.object({
  id: uuidSchema,
  decision: z.enum(['approve', 'return']),
  note: text('The review note', 1, fieldLimits.reviewNote),
});

export const assessmentHistoryInput = z.object({
  iso3: iso3Schema.optional(),
  recommendationKey: recommendationKeySchema.optional(),
});

const asOf = isoDateSchema.optional();
export const scorecardStateInput = z.object({ iso3: iso3Schema, asOf });
export const scorecardMatrixInput = z.object({ asOf }).default({});
export const scorecardRecommendationInput = z.object({ key: recommendationKeySchema, asOf });
export const scorecardTimelineInput = z.object({ iso3: iso3Schema.optional(), key: recommendationKeySchema.optional() }).default({});
export const scorecardChangesInput = z
  .object({ since: isoDateSchema, until: isoDateSchema.optional() })
  .refine((v) => !v.until || v.until >= v.since, { message: 'until must not be before since.', path: ['until'] });
