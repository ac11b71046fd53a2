import {
  credibilityGrades,
  directions,
  evidenceKinds,
  evidenceStatuses,
  reliabilityGrades,
  visibilities,
} from '@tracker/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { recommendations } from './catalogue';
import { bytea, createdAt, oneOf, tstz } from './columns';
import { sites } from './sites';
import { states } from './states';
import { users } from './users';

/** The primary log: one row per item of evidence, its current revision. */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    kind: text('kind', { enum: evidenceKinds }).notNull(),
    direction: text('direction', { enum: directions }).notNull(),
    sourceUrl: text('source_url'),
    publisher: text('publisher'),
    publishedOn: date('published_on', { mode: 'string' }),
    accessedOn: date('accessed_on', { mode: 'string' }),
    language: text('language').notNull(),
    reliability: char('reliability', { length: 1, enum: reliabilityGrades }).notNull(),
    credibility: smallint('credibility').notNull(),
    visibility: text('visibility', { enum: visibilities }).notNull(),
    containsPersonalData: boolean('contains_personal_data').notNull().default(false),
    status: text('status', { enum: evidenceStatuses }).notNull().default('draft'),
    /** Incremented on every edit; optimistic concurrency and the revisions table key on it. */
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Who last changed the content (edit, import, attachment): they may not decide on it. */
    contentChangedBy: uuid('content_changed_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /**
     * A change proposed to a verified item, awaiting another person's review: the full content it
     * would have (fields and links). What is published stays as it is until the change is verified.
     */
    pendingChange: jsonb('pending_change'),
    pendingBy: uuid('pending_by').references(() => users.id, { onDelete: 'restrict' }),
    pendingAt: tstz('pending_at'),
    submittedAt: tstz('submitted_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'restrict' }),
    reviewedAt: tstz('reviewed_at'),
    reviewNote: text('review_note'),
    retractedAt: tstz('retracted_at'),
    retractedBy: uuid('retracted_by').references(() => users.id, { onDelete: 'restrict' }),
    retractionReason: text('retraction_reason'),
    /** Erased on request: content, revisions, files and data key destroyed; the facts scores rest on kept. */
    erasedAt: tstz('erased_at'),
    erasedBy: uuid('erased_by').references(() => users.id, { onDelete: 'restrict' }),
    erasureReason: text('erasure_reason'),
    externalId: text('external_id').unique(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    oneOf('evidence_kind_known', t.kind, evidenceKinds),
    oneOf('evidence_direction_known', t.direction, directions),
    oneOf('evidence_reliability_known', t.reliability, reliabilityGrades),
    oneOf('evidence_credibility_known', t.credibility, credibilityGrades),
    oneOf('evidence_visibility_known', t.visibility, visibilities),
    oneOf('evidence_status_known', t.status, evidenceStatuses),
    check('evidence_personal_data_confidential', sql`not ${t.containsPersonalData} or ${t.visibility} = 'confidential'`),
    // A sealed (encrypted) address starts with enc:v1: instead.
    check('evidence_source_url_scheme', sql`${t.sourceUrl} is null or ${t.sourceUrl} ~ '^(https?://|enc:v1:)'`),
    check('evidence_erasure_has_reason', sql`(${t.erasedAt} is null) = (${t.erasureReason} is null)`),
    check('evidence_retraction_has_reason', sql`(${t.retractedAt} is null) = (${t.retractionReason} is null)`),
    check('evidence_retract_only_verified', sql`${t.retractedAt} is null or ${t.status} = 'verified'`),
    check('evidence_pending_only_verified', sql`(${t.pendingChange} is null) = (${t.pendingBy} is null) and (${t.pendingBy} is null or ${t.status} = 'verified')`),
    index('evidence_pending_idx').on(t.pendingAt).where(sql`${t.pendingBy} is not null`),
    index('evidence_state_status_idx').on(t.iso3, t.status, t.visibility),
    index('evidence_newest_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The list's default order: newest publication first, undated last.
    index('evidence_published_idx').on(t.publishedOn.desc().nullsLast(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('evidence_author_idx').on(t.createdBy, t.status),
    // Trigram search works for every script (Thai, Khmer, Burmese have no spaces between words).
    index('evidence_search_idx').using('gin', sql`lower(${t.title} || ' ' || ${t.summary}) gin_trgm_ops`),
  ],
);

export const evidenceRecommendations = pgTable(
  'evidence_recommendations',
  {
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.recommendationId] }),
    index('evidence_recommendations_rec_idx').on(t.recommendationId, t.evidenceId),
  ],
);

export const evidenceSites = pgTable(
  'evidence_sites',
  {
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.siteId] }), index('evidence_sites_site_idx').on(t.siteId)],
);

/** Every earlier revision of an item, kept whole so reviewers can read what changed after verification. */
export const evidenceRevisions = pgTable(
  'evidence_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [unique('evidence_revisions_once').on(t.evidenceId, t.revision)],
);

/** An attachment's file, stored once per SHA-256 whatever the number of items that attach it. */
export const blobs = pgTable(
  'blobs',
  {
    sha256: char('sha256', { length: 64 }).primaryKey(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    /** Its chunks are encrypted under the file's data key: every item that attaches it is confidential. */
    sealed: boolean('sealed').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    check('blobs_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('blobs_size_bounded', sql`${t.size} between 0 and 20971520`),
  ],
);

/** Bytes a chunk of a file holds (the last one may hold fewer). */
export const BLOB_CHUNK_BYTES = 256 * 1024;

/**
 * A file's bytes in chunks of BLOB_CHUNK_BYTES, in order. Small rows keep every statement small:
 * the embedded database's memory grows with the largest value a statement carries and never
 * shrinks, and downloads can stream.
 */
export const blobChunks = pgTable(
  'blob_chunks',
  {
    sha256: char('sha256', { length: 64 })
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.seq] }), check('blob_chunks_bounded', sql`octet_length(${t.bytes}) <= 262144 + 64`)],
);

export const evidenceAttachments = pgTable(
  'evidence_attachments',
  {
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    sha256: char('sha256', { length: 64 })
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'restrict' }),
    filename: text('filename').notNull(),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.sha256] }), index('evidence_attachments_blob_idx').on(t.sha256)],
);

/**
 * A client's retry token for evidence creation and attachment upload: the first request with a key
 * does the work and records which item it touched; a retry with the same key (same account, same
 * request) gets that item back instead of doing it twice. Kept for a day.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    procedure: text('procedure').notNull(),
    /** SHA-256 of the request, so a key reused for a different request is refused rather than replayed. */
    requestDigest: char('request_digest', { length: 64 }).notNull(),
    evidenceId: uuid('evidence_id').references(() => evidence.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/**
 * Verified, unretracted evidence counted per State × recommendation × visibility, by day and by
 * month of its date (published, else verified). Kept by triggers on `evidence` and
 * `evidence_recommendations` (migration 0006), so every writer keeps it right; the matrix reads it
 * instead of counting the evidence, which keeps the matrix fast at a million rows.
 */
export const evidenceCellCounts = pgTable(
  'evidence_cell_counts',
  {
    period: text('period', { enum: ['day', 'month'] }).notNull(),
    starts: date('starts').notNull(),
    iso3: char('iso3', { length: 3 }).notNull(),
    recommendationId: uuid('recommendation_id').notNull(),
    visibility: text('visibility', { enum: visibilities }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.starts, t.iso3, t.recommendationId, t.visibility] })],
);
