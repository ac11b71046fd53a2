import { z } from 'zod';
import { fieldLimits, MAX_ATTACHMENT_BASE64, MAX_ATTACHMENT_BYTES, MAX_IMPORT_TEXT } from './limits';
import { isoDateSchema, iso3Schema, recommendationKeySchema, recommendationKeysSchema, uuidSchema } from './identifiers';
import { httpUrlSchema, languageTagSchema, text } from './text';
import {
  credibilityGrades,
  directions,
  evidenceKinds,
  evidenceSorts,
  evidenceStatuses,
  reliabilityGrades,
  visibilities,
  type Role,
  type Visibility,
} from './vocabulary';

const unique = <T>(items: T[]) => [...new Set(items)];

/**
 * The evidence fields, each without a default: the base of both the create schema (which adds the
 * defaults) and the update schema (where a field that is not sent must stay as it is).
 */
const evidenceFieldShape = {
  iso3: iso3Schema,
  recommendationKeys: recommendationKeysSchema,
  siteIds: z.array(uuidSchema).max(20, 'Link at most 20 sites.').transform(unique),
  title: text('The title', 3, fieldLimits.evidenceTitle),
  summary: text('The summary', 1, fieldLimits.evidenceSummary),
  kind: z.enum(evidenceKinds),
  direction: z.enum(directions),
  sourceUrl: httpUrlSchema.nullish(),
  publisher: text('The publisher', 1, fieldLimits.publisher).nullish(),
  publishedOn: isoDateSchema.nullish(),
  language: languageTagSchema,
  reliability: z.enum(reliabilityGrades),
  credibility: z
    .number()
    .int()
    .refine((n) => (credibilityGrades as readonly number[]).includes(n), 'Credibility is graded 1 (confirmed) to 6 (cannot be judged).'),
  visibility: z.enum(visibilities),
  containsPersonalData: z.boolean(),
};

/** The evidence fields every client sends (the contract); the web form uses the same schema. */
export const evidenceFieldsSchema = z.object({
  ...evidenceFieldShape,
  siteIds: evidenceFieldShape.siteIds.default([]),
  containsPersonalData: evidenceFieldShape.containsPersonalData.default(false),
});

/** Personal data is only ever stored as confidential, whatever visibility was asked for. */
function enforcePersonalData<T extends { containsPersonalData?: boolean | undefined; visibility?: Visibility | undefined }>(value: T): T {
  return value.containsPersonalData ? { ...value, visibility: 'confidential' } : value;
}

/**
 * A client-chosen token (a UUID is fine) that makes a retried create or upload safe: the same key
 * from the same account returns the first result instead of doing the work again.
 */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/, 'Use an idempotency key of 16 to 128 letters, digits, dashes or underscores, such as a UUID.');

export const evidenceCreateInput = evidenceFieldsSchema.extend({ idempotencyKey: idempotencyKeySchema.optional() }).transform(enforcePersonalData);
export type EvidenceCreateInput = z.infer<typeof evidenceCreateInput>;

/** Changes only the fields it is sent: no field has a default here. */
export const evidenceUpdateInput = z
  .object(evidenceFieldShape)
  .partial()
  .extend({
    id: uuidSchema,
    /** The revision the client last saw; a stale one gets a conflict instead of overwriting. */
    revision: z.number({ error: 'Send the revision you last saw, so a change made meanwhile is not overwritten.' }).int().min(1),
  })
  .transform(enforcePersonalData);
export type EvidenceUpdateInput = z.infer<typeof evidenceUpdateInput>;

export const evidenceIdInput = z.object({ id: uuidSchema });

export const evidenceReviewInput = z.object({
  id: uuidSchema,
  decision: z.enum(['verify', 'reject']),
  note: text('The review note', 1, fieldLimits.reviewNote),
  /** The revision the reviewer read; if the item changed since, the decision is refused. */
  revision: z.number().int().min(1).optional(),
});

/** Erasure on request (a survivor asks for their testimony to be removed): the reason stays on record. */
export const evidenceEraseInput = z.object({
  id: uuidSchema,
  reason: text('The reason', 5, fieldLimits.eraseReason),
});

export const evidenceRetractInput = z.object({
  id: uuidSchema,
  reason: text('The reason', 5, fieldLimits.retractReason),
});

export const evidenceAttachInput = z.object({
  id: uuidSchema,
  filename: text('The file name', 1, fieldLimits.filename).refine((n) => !n.includes('/') && !n.includes('\\') && !n.includes('\u0000'), 'A file name cannot contain slashes.'),
  contentBase64: z
    .string()
    .max(MAX_ATTACHMENT_BASE64, `An attachment is at most ${MAX_ATTACHMENT_BYTES / 2 ** 20} MB.`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The content must be base64.'),
  idempotencyKey: idempotencyKeySchema.optional(),
});

/**
 * A boolean that also reads the strings "true" and "false" (REST query strings). Written as a
 * preprocess rather than z.coerce so "false" does not read as true.
 */
const queryBoolean = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

export const evidenceListInput = z
  .object({
    iso3: iso3Schema.optional(),
    recommendationKey: recommendationKeySchema.optional(),
    siteId: uuidSchema.optional(),
    kind: z.enum(evidenceKinds).optional(),
    direction: z.enum(directions).optional(),
    status: z.enum(evidenceStatuses).optional(),
    visibility: z.enum(visibilities).optional(),
    publishedFrom: isoDateSchema.optional(),
    publishedTo: isoDateSchema.optional(),
    q: text('The search text', 1, fieldLimits.search).optional().meta({ description: 'Words or fragments in the title or summary, in any script.' }),
    /** Only the signed-in user's own items (their drafts, submissions and returned items). */
    mine: queryBoolean.optional().meta({ override: { type: 'boolean', description: 'Only the caller’s own items; needs a signed-in session, so always empty over REST.' } }),
    sort: z.enum(evidenceSorts).optional().meta({ description: 'newest (the default) or oldest: by the source’s publication date, undated items last; best_graded: reliability, then credibility, then newest.' }),
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .default({ limit: 25 });
export type EvidenceListInput = z.infer<typeof evidenceListInput>;

/**
 * The filters of the evidence download (`/api/v1/export/evidence.csv?iso3=KHM&kind=court_decision`):
 * the explorer's own, so "download these results" gives what the list shows. Always verified public
 * items; a parameter it does not know is refused rather than ignored, so a typo never downloads everything.
 */
export const evidenceExportFilter = evidenceListInput
  .unwrap()
  .pick({ iso3: true, recommendationKey: true, siteId: true, kind: true, direction: true, publishedFrom: true, publishedTo: true, q: true, sort: true })
  .strict();
export type EvidenceExportFilter = z.infer<typeof evidenceExportFilter>;

/** The evidence list's filters without paging or order: what `evidence.facets` counts. */
export const evidenceFacetsInput = evidenceListInput.unwrap().omit({ cursor: true, limit: true, sort: true }).default({});
export type EvidenceFacetsInput = z.infer<typeof evidenceFacetsInput>;

/** Who is reading: null for the public. */
export interface Viewer {
  id: string;
  role: Role;
}

/**
 * What a viewer may read. The public sees verified public evidence; policymakers add verified
 * restricted; monitors add their own items in any state; reviewers and admins see everything.
 */
export function readableVisibilities(viewer: Viewer | null): { verified: readonly Visibility[]; ownAnything: boolean; everything: boolean } {
  if (!viewer) return { verified: ['public'], ownAnything: false, everything: false };
  switch (viewer.role) {
    case 'admin':
    case 'reviewer':
      return { verified: visibilities, ownAnything: true, everything: true };
    case 'monitor':
      return { verified: ['public', 'restricted'], ownAnything: true, everything: false };
    case 'policymaker':
      return { verified: ['public', 'restricted'], ownAnything: false, everything: false };
  }
}

/** A CSV file sent as text by the admin page; the CLI has its own, larger limit. */
export const evidenceImportInput = z.object({
  csv: z.string().min(1, 'The file is empty.').max(MAX_IMPORT_TEXT, `Files sent from the page are at most ${MAX_IMPORT_TEXT / 2 ** 20} MB; use the command line for larger ones.`),
});
