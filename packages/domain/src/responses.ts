import { z } from 'zod';
import {
  acceptanceStates,
  addressees,
  assessmentStatuses,
  commitmentStates,
  directions,
  evidenceKinds,
  evidenceStatuses,
  observationQualifiers,
  reliabilityGrades,
  replyKinds,
  reviewStates,
  siteKinds,
  siteStatuses,
  stateRoles,
  visibilities,
} from './vocabulary';

/**
 * What the public read procedures return. tRPC checks every answer against these schemas and the
 * REST API's OpenAPI document is generated from them, so the published contract cannot drift from
 * what the server sends.
 */

const date = z.string().meta({ format: 'date', description: 'A calendar date, YYYY-MM-DD.' });
const instant = z.string().meta({ format: 'date-time', description: 'An ISO-8601 instant in UTC.' });
const assessmentStatus = z.enum(assessmentStatuses);
const methodologyVersion = z.string().meta({ description: 'Version of the scoring method (see /methodology).' });

export const frameworkView = z.object({
  slug: z.string(),
  title: z.string(),
  publisher: z.string(),
  publishedOn: date,
  url: z.string(),
  licence: z.string(),
  citation: z.string(),
});

export const recommendationView = z.object({
  key: z.string().meta({ description: 'Stable key such as A.1.' }),
  title: z.string(),
  paraphrase: z.string().meta({ description: 'The recommendation in the tracker’s own words.' }),
  addressees: z.array(z.enum(addressees)),
  sdgTargets: z.array(z.string()),
  sourceLocator: z.string().meta({ description: 'Where in the source document the recommendation is made.' }),
  groupKey: z.string(),
  groupTitle: z.string(),
  frameworkSlug: z.string(),
  frameworkTitle: z.string(),
});

export const stateListItem = z.object({
  iso3: z.string(),
  name: z.string(),
  region: z.string(),
  siteCount: z.number().int(),
  roles: z.array(z.enum(stateRoles)),
});

export const stateView = z.object({
  iso3: z.string(),
  name: z.string(),
  region: z.string(),
  roles: z.array(z.object({ role: z.enum(stateRoles), basis: z.string(), citation: z.string() })),
});

const siteEvent = z.object({ status: z.enum(siteStatuses), observedOn: date, note: z.string().nullable(), citation: z.string() });

export const siteView = z.object({
  id: z.string(),
  iso3: z.string(),
  name: z.string(),
  kind: z.enum(siteKinds),
  adminArea: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  citation: z.string(),
  status: siteEvent.nullable().meta({ description: 'The latest reported status.' }),
  history: z.array(siteEvent),
});

export const indicatorSeriesView = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  description: z.string(),
  observations: z.array(
    z.object({
      iso3: z.string().nullable(),
      observedOn: date,
      value: z.number(),
      qualifier: z.enum(observationQualifiers),
      citation: z.string(),
      sourceUrl: z.string().nullable(),
    }),
  ),
});

const evidenceCounts = z
  .object({ public: z.number().int(), restricted: z.number().int(), confidential: z.number().int() })
  .meta({ description: 'Verified sources by visibility: how many exist, never what non-public ones say.' });

const staffOnly = <T extends z.ZodType>(schema: T) => schema.optional().meta({ description: 'Only for signed-in staff in the app; never sent over REST.' });

/** What an item says: published, or as a proposed change would have it. */
const evidenceContentFields = {
  iso3: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(evidenceKinds),
  direction: z.enum(directions),
  sourceUrl: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedOn: date.nullable(),
  language: z.string(),
  reliability: z.enum(reliabilityGrades).meta({ description: 'Admiralty grade of the source, A (best) to F.' }),
  credibility: z.number().int().meta({ description: 'Admiralty grade of the information, 1 (best) to 6.' }),
  visibility: z.enum(visibilities),
};

/** An evidence item: the public fields, and working fields that only signed-in staff receive. */
export const evidenceView = z.object({
  id: z.string(),
  ...evidenceContentFields,
  status: z.enum(evidenceStatuses),
  isDemo: z.boolean().meta({ description: 'Illustrative demo record, not a real finding.' }),
  verifiedAt: instant.nullable(),
  retraction: z.object({ at: instant, reason: z.string() }).nullable(),
  erasure: z
    .object({ at: instant, reason: z.string() })
    .nullable()
    .meta({ description: 'Erased on request: its content and files were destroyed; the State, recommendations, dates and grades remain.' }),
  createdAt: instant,
  recommendationKeys: z.array(z.string()),
  sites: z.array(z.object({ id: z.string(), name: z.string() })),
  attachments: z.array(z.object({ sha256: z.string(), filename: z.string(), size: z.number().int(), mediaType: z.string() })),
  containsPersonalData: staffOnly(z.boolean()),
  revision: staffOnly(z.number().int()),
  createdBy: staffOnly(z.string()),
  authorName: staffOnly(z.string().nullable()),
  reviewerName: staffOnly(z.string().nullable()),
  contentChangedBy: staffOnly(z.string()),
  mine: staffOnly(z.boolean()),
  pendingChange: staffOnly(
    z
      .object({
        by: z.string(),
        at: instant,
        content: z.object({
          ...evidenceContentFields,
          containsPersonalData: z.boolean(),
          recommendationKeys: z.array(z.string()),
          siteIds: z.array(z.string()),
        }),
      })
      .nullable(),
  ),
  submittedAt: staffOnly(instant.nullable()),
  reviewedBy: staffOnly(z.string().nullable()),
  reviewedAt: staffOnly(instant.nullable()),
  reviewNote: staffOnly(z.string().nullable()),
  updatedAt: staffOnly(instant),
  fromIntake: staffOnly(z.object({ receivedAt: instant }).nullable()),
});

export const evidencePage = z.object({
  items: z.array(evidenceView),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` to read the next page; null on the last page.' }),
});

const facetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));

/**
 * How many items the evidence list's filters find, and per filter how many each of its values
 * would find with the other filters kept: the numbers beside the explorer's choices.
 */
export const evidenceFacets = z.object({
  total: z.number().int(),
  iso3: facetCounts,
  recommendationKey: facetCounts,
  kind: facetCounts,
  direction: facetCounts,
});

/** An assessment: the public fields, and review fields that only signed-in staff receive. */
export const assessmentView = z.object({
  id: z.string(),
  iso3: z.string(),
  recommendationKey: z.string(),
  status: assessmentStatus,
  claimedStatus: assessmentStatus.nullable().meta({ description: 'What the State itself claims, when it differs.' }),
  rationale: z.string(),
  effectiveFrom: date,
  reviewState: z.enum(reviewStates),
  reviewedAt: instant.nullable(),
  isDemo: z.boolean(),
  createdAt: instant,
  evidenceCounts,
  evidenceIds: z.array(z.string()).meta({ description: 'The supporting evidence the caller may read.' }),
  assessorId: staffOnly(z.string()),
  reviewerId: staffOnly(z.string().nullable()),
  reviewNote: staffOnly(z.string().nullable()),
});

const scoreSummary = z.object({
  score: z.number().nullable().meta({ description: 'Mean score 0–100 over assessed cells; null when nothing is assessed.' }),
  coverage: z.number().meta({ description: 'Share of cells assessed, 0–1.' }),
  assessed: z.number().int(),
  total: z.number().int(),
  regressed: z.number().int(),
});

const cell = z.object({
  iso3: z.string(),
  recommendationKey: z.string(),
  status: assessmentStatus.nullable(),
  claimedStatus: assessmentStatus.nullable(),
  claimGap: z.boolean(),
  confidence: z.enum(['none', 'low', 'medium', 'high']),
  effectiveFrom: date.nullable(),
  assessmentId: z.string().nullable(),
  isDemo: z.boolean(),
  evidence: evidenceCounts,
});
const cellWithRationale = cell.extend({ rationale: z.string().nullable() });

export const stateScorecardView = scoreSummary.extend({
  iso3: z.string(),
  name: z.string(),
  asOf: date,
  methodologyVersion,
  trend: z.object({
    previousScore: z.number().nullable(),
    delta: z.number().nullable(),
    direction: z.enum(['up', 'down', 'flat', 'unknown']),
    since: date,
    unchangedSince: date.nullable().meta({ description: 'The date the score last changed (or was first given) on or before the as-of date; null while there is no score.' }),
  }),
  recommendations: z.array(cellWithRationale.extend({ title: z.string() })),
});

export const matrixView = z.object({
  asOf: date,
  methodologyVersion,
  recommendations: z.array(z.object({ key: z.string(), title: z.string(), regional: scoreSummary })),
  states: z.array(z.object({ iso3: z.string(), name: z.string(), summary: scoreSummary })),
  overall: scoreSummary,
  cells: z.array(cell),
});

export const recommendationScorecardView = z.object({
  key: z.string(),
  title: z.string(),
  asOf: date,
  methodologyVersion,
  regional: scoreSummary,
  states: z.array(cellWithRationale.extend({ name: z.string() })),
});

export const timelineView = z.object({
  methodologyVersion,
  iso3: z.string().nullable(),
  key: z.string().nullable(),
  points: z.array(scoreSummary.extend({ date })),
});

export const changesView = z.object({
  since: date,
  until: date,
  methodologyVersion,
  changes: z.array(
    z.object({
      iso3: z.string(),
      stateName: z.string(),
      recommendationKey: z.string(),
      recommendationTitle: z.string(),
      from: assessmentStatus.nullable(),
      to: assessmentStatus.nullable(),
      movement: z.enum(['up', 'down', 'same', 'assessed', 'unassessed']),
      why: z.object({ assessmentId: z.string(), effectiveFrom: date, rationale: z.string() }).nullable(),
    }),
  ),
});

export const ledgerHeadView = z
  .object({ seq: z.number().int(), hash: z.string(), at: instant })
  .nullable()
  .meta({ description: 'The newest audit-ledger entry; pin the hash to check later that history was not rewritten.' });

export const catalogueTranslationView = z.object({
  entity: z.enum(['state', 'group', 'recommendation']),
  key: z.string().meta({ description: 'ISO code, group key or recommendation key.' }),
  field: z.enum(['name', 'title', 'paraphrase']),
  text: z.string(),
});

export const replyView = z.object({
  id: z.string(),
  iso3: z.string(),
  recommendationKey: z.string(),
  kind: z.enum(replyKinds),
  summary: z.string(),
  sourceUrl: z.string(),
  publishedOn: date,
  claimedStatus: assessmentStatus.nullable().meta({ description: 'The status the State claims for itself.' }),
  reviewState: z.enum(acceptanceStates),
  answer: z.string().nullable().meta({ description: 'The tracker’s answer: the note of the second person who accepted the reply.' }),
  acceptedAt: instant.nullable(),
  reviewNote: staffOnly(z.string().nullable()),
  createdBy: staffOnly(z.string()),
  reviewerId: staffOnly(z.string().nullable()),
  createdAt: staffOnly(instant),
});

export const commitmentView = z.object({
  id: z.string(),
  iso3: z.string(),
  recommendationKeys: z.array(z.string()),
  text: z.string(),
  sourceUrl: z.string(),
  madeOn: date,
  dueBy: date.nullable(),
  metOn: date.nullable(),
  withdrawnOn: date.nullable(),
  withdrawalReason: z.string().nullable(),
  state: z.enum(commitmentStates).nullable().meta({ description: 'Its state on asOf, derived from its dates; null while it awaits review.' }),
  asOf: date,
  reviewState: z.enum(acceptanceStates),
  answer: z.string().nullable().meta({ description: 'The tracker’s note on it, once accepted.' }),
  evidenceIds: z.array(z.string()).meta({ description: 'Verified evidence the caller may read that shows it met.' }),
  evidenceCount: z.number().int(),
  reviewNote: staffOnly(z.string().nullable()),
  closeNote: staffOnly(z.string().nullable()),
  createdBy: staffOnly(z.string()),
  reviewerId: staffOnly(z.string().nullable()),
  createdAt: staffOnly(instant),
});
