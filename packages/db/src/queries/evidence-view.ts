import { readableVisibilities, type EvidenceState, type Viewer } from '@tracker/domain';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { evidence, recordKeys, users } from '../schema';

/** The fields a monitor writes: what an import compares and a revision changes. */
export const contentColumns = {
  iso3: evidence.iso3,
  title: evidence.title,
  summary: evidence.summary,
  kind: evidence.kind,
  direction: evidence.direction,
  sourceUrl: evidence.sourceUrl,
  publisher: evidence.publisher,
  publishedOn: evidence.publishedOn,
  language: evidence.language,
  reliability: evidence.reliability,
  credibility: evidence.credibility,
  visibility: evidence.visibility,
  containsPersonalData: evidence.containsPersonalData,
};

/** The columns evidence reads select; nothing else of the row ever leaves the database layer. */
export const evidenceColumns = {
  id: evidence.id,
  ...contentColumns,
  status: evidence.status,
  revision: evidence.revision,
  createdBy: evidence.createdBy,
  contentChangedBy: evidence.contentChangedBy,
  pendingChange: evidence.pendingChange,
  pendingBy: evidence.pendingBy,
  pendingAt: evidence.pendingAt,
  submittedAt: evidence.submittedAt,
  reviewedBy: evidence.reviewedBy,
  reviewedAt: evidence.reviewedAt,
  reviewNote: evidence.reviewNote,
  retractedAt: evidence.retractedAt,
  retractionReason: evidence.retractionReason,
  erasedAt: evidence.erasedAt,
  erasureReason: evidence.erasureReason,
  isDemo: evidence.isDemo,
  createdAt: evidence.createdAt,
  updatedAt: evidence.updatedAt,
};

/**
 * Evidence rows with their wrapped data key, in one query: what every read of evidence starts
 * from (see openEvidenceRows). Add `.where(…)`, order and limit.
 */
export const selectEvidence = (db: Database) =>
  db
    .select({
      ...evidenceColumns,
      // A scalar subquery, evaluated for the rows returned only (after ORDER BY and LIMIT).
      wrappedKey: sql<Uint8Array | null>`(select ${recordKeys.wrapped} from ${recordKeys} where ${recordKeys.entityType} = 'evidence' and ${recordKeys.entityId} = ${evidence.id}::text)`.mapWith(recordKeys.wrapped),
      // Who wrote and who decided, by name, for the staff who review: never in the public shape.
      authorName: sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${evidence.createdBy})`,
      reviewerName: sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${evidence.reviewedBy})`,
    })
    .from(evidence);

export interface EvidenceRow {
  id: string;
  iso3: string;
  title: string;
  summary: string;
  kind: (typeof evidence.kind.enumValues)[number];
  direction: (typeof evidence.direction.enumValues)[number];
  sourceUrl: string | null;
  publisher: string | null;
  publishedOn: string | null;
  language: string;
  reliability: (typeof evidence.reliability.enumValues)[number];
  credibility: number;
  visibility: (typeof evidence.visibility.enumValues)[number];
  containsPersonalData: boolean;
  status: (typeof evidence.status.enumValues)[number];
  revision: number;
  createdBy: string;
  contentChangedBy: string;
  pendingChange: unknown;
  pendingBy: string | null;
  pendingAt: Date | null;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  retractedAt: Date | null;
  retractionReason: string | null;
  erasedAt: Date | null;
  erasureReason: string | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Read by selectEvidence only. */
  authorName?: string | null;
  reviewerName?: string | null;
}

/** The content an item has, or would have after a proposed change: what a revision keeps. */
export interface EvidenceContent {
  iso3: string;
  title: string;
  summary: string;
  kind: EvidenceRow['kind'];
  direction: EvidenceRow['direction'];
  sourceUrl: string | null;
  publisher: string | null;
  publishedOn: string | null;
  language: string;
  reliability: EvidenceRow['reliability'];
  credibility: number;
  visibility: EvidenceRow['visibility'];
  containsPersonalData: boolean;
  recommendationKeys: string[];
  siteIds: string[];
}

const contentKeys = Object.keys(contentColumns) as (keyof typeof contentColumns)[];

/** An item's current content and links, in the shape revisions and proposed changes keep. */
export function contentOf(row: EvidenceRow, links: EvidenceLinks): EvidenceContent {
  const fields = Object.fromEntries(contentKeys.map((key) => [key, row[key]])) as Omit<EvidenceContent, 'recommendationKeys' | 'siteIds'>;
  return { ...fields, recommendationKeys: [...links.recommendationKeys], siteIds: links.sites.map((s) => s.id) };
}

/** What the lifecycle rules look at (see packages/domain/src/lifecycle.ts). */
export const lifecycleOf = (row: EvidenceRow): EvidenceState => ({
  status: row.status,
  createdBy: row.createdBy,
  contentChangedBy: row.contentChangedBy,
  pendingBy: row.pendingBy,
  retracted: row.retractedAt !== null,
  erased: row.erasedAt !== null,
});

export interface EvidenceLinks {
  recommendationKeys: string[];
  sites: { id: string; name: string }[];
  attachments: { sha256: string; filename: string; size: number; mediaType: string }[];
}

/** SQL condition for the rows a viewer may read (see readableVisibilities); undefined means all. */
export function readableWhere(viewer: Viewer | null): SQL | undefined {
  const rule = readableVisibilities(viewer);
  if (rule.everything) return undefined;
  const verified = and(eq(evidence.status, 'verified'), inArray(evidence.visibility, [...rule.verified]));
  return rule.ownAnything && viewer ? or(verified, eq(evidence.createdBy, viewer.id)) : verified;
}

export function mayRead(row: Pick<EvidenceRow, 'status' | 'visibility' | 'createdBy'>, viewer: Viewer | null): boolean {
  const rule = readableVisibilities(viewer);
  if (rule.everything) return true;
  if (rule.ownAnything && viewer && row.createdBy === viewer.id) return true;
  return row.status === 'verified' && rule.verified.includes(row.visibility);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function publicView(row: EvidenceRow, links: EvidenceLinks) {
  return {
    id: row.id,
    iso3: row.iso3,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    direction: row.direction,
    sourceUrl: row.sourceUrl,
    publisher: row.publisher,
    publishedOn: row.publishedOn,
    language: row.language,
    reliability: row.reliability,
    credibility: row.credibility,
    visibility: row.visibility,
    status: row.status,
    isDemo: row.isDemo,
    verifiedAt: row.status === 'verified' ? iso(row.reviewedAt) : null,
    retraction: row.retractedAt ? { at: iso(row.retractedAt) as string, reason: row.retractionReason ?? '' } : null,
    erasure: row.erasedAt ? { at: iso(row.erasedAt) as string, reason: row.erasureReason ?? '' } : null,
    createdAt: iso(row.createdAt) as string,
    ...links,
  };
}

function staffView(row: EvidenceRow, links: EvidenceLinks, viewer: Viewer) {
  return {
    ...publicView(row, links),
    containsPersonalData: row.containsPersonalData,
    revision: row.revision,
    createdBy: row.createdBy,
    authorName: row.authorName ?? null,
    reviewerName: row.reviewerName ?? null,
    contentChangedBy: row.contentChangedBy,
    mine: row.createdBy === viewer.id,
    pendingChange: row.pendingBy ? { by: row.pendingBy, at: iso(row.pendingAt) as string, content: row.pendingChange as EvidenceContent } : null,
    submittedAt: iso(row.submittedAt),
    reviewedBy: row.reviewedBy,
    reviewedAt: iso(row.reviewedAt),
    reviewNote: row.reviewNote,
    updatedAt: iso(row.updatedAt) as string,
  };
}

export type EvidenceView = ReturnType<typeof publicView> &
  Partial<Omit<ReturnType<typeof staffView>, keyof ReturnType<typeof publicView>>> & {
    /** For staff: the item was made from information sent from outside, received then (to the hour). */
    fromIntake?: { receivedAt: string } | null;
  };

/**
 * The one function that shapes every evidence row leaving the server. The public and policymakers
 * get the public shape (no authors, reviewers or review notes); staff get the working fields too.
 * It refuses a row the viewer may not read, whatever query produced it.
 */
export function projectEvidence(row: EvidenceRow, links: EvidenceLinks, viewer: Viewer | null): EvidenceView {
  if (!mayRead(row, viewer)) throw new Error(`evidence ${row.id} reached the projection for a viewer who may not read it`);
  if (!viewer || viewer.role === 'policymaker') return publicView(row, links);
  return staffView(row, links, viewer);
}
