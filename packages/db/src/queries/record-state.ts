import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { ledgerSecret, recordSalt, saltedDigest } from '../ledger';
import { assessmentEvidence, assessments, auditLedger, evidence, recommendations, rolePolicies, userStates, users } from '../schema';
import { linksFor } from './evidence-links';
import { openEvidenceRows } from './evidence-sealing';
import { contentOf, selectEvidence, type EvidenceLinks } from './evidence-view';
import { findLoginUser } from './users';

/**
 * What a ledgered record is, whole, as the ledger's state digest covers it: content opened (so
 * sealing or opening it later changes nothing), lists sorted, no timestamps that move without a
 * ledger entry (last seen, updated). A restore or `ledger verify --deep` recomputes it for every
 * record and compares it with the digest of the record's last entry.
 */
export type RecordState = Record<string, unknown>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sorted = (items: readonly string[]) => [...items].sort();

/** The states of many evidence items, in a few queries whatever their number. */
export async function evidenceStates(db: Database, ids: readonly string[]): Promise<Map<string, RecordState>> {
  if (ids.length === 0) return new Map();
  const { rows, keys } = await openEvidenceRows(db, await selectEvidence(db).where(inArray(evidence.id, [...ids])));
  const links = await linksFor(
    db,
    rows.map((r) => r.id),
    keys,
  );
  return new Map(
    rows.map((row) => {
      const link = links.get(row.id) as EvidenceLinks;
      const content = contentOf(row, link);
      return [
        row.id,
        {
          ...content,
          recommendationKeys: sorted(content.recommendationKeys),
          siteIds: sorted(content.siteIds),
          attachments: sorted(link.attachments.map((a) => `${a.sha256} ${a.filename}`)),
          status: row.status,
          revision: row.revision,
          createdBy: row.createdBy,
          contentChangedBy: row.contentChangedBy,
          pendingChange: row.pendingChange ?? null,
          pendingBy: row.pendingBy,
          reviewedBy: row.reviewedBy,
          reviewedAt: iso(row.reviewedAt),
          reviewNote: row.reviewNote,
          retractedAt: iso(row.retractedAt),
          retractionReason: row.retractionReason,
          erasedAt: iso(row.erasedAt),
          erasureReason: row.erasureReason,
        },
      ];
    }),
  );
}

async function assessmentState(db: Database, id: string): Promise<RecordState | null> {
  const [row] = await db
    .select({
      iso3: assessments.iso3,
      recommendationKey: recommendations.key,
      status: assessments.status,
      claimedStatus: assessments.claimedStatus,
      rationale: assessments.rationale,
      effectiveFrom: assessments.effectiveFrom,
      reviewState: assessments.reviewState,
      assessorId: assessments.assessorId,
      reviewerId: assessments.reviewerId,
      reviewNote: assessments.reviewNote,
      reviewedAt: assessments.reviewedAt,
    })
    .from(assessments)
    .innerJoin(recommendations, eq(recommendations.id, assessments.recommendationId))
    .where(eq(assessments.id, id));
  if (!row) return null;
  const basis = await db.select({ id: assessmentEvidence.evidenceId }).from(assessmentEvidence).where(eq(assessmentEvidence.assessmentId, id));
  return { ...row, reviewedAt: iso(row.reviewedAt), evidenceIds: sorted(basis.map((b) => b.id)) };
}

async function userState(db: Database, id: string): Promise<RecordState | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, id));
  if (!row) return null;
  const login = await findLoginUser(db, row.email);
  const [profile] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, id));
  const states = await db.select({ iso3: userStates.iso3 }).from(userStates).where(eq(userStates.userId, id));
  return {
    email: row.email,
    displayName: profile?.displayName ?? null,
    role: login?.role ?? null,
    active: login?.active ?? null,
    passwordHash: login?.passwordHash ?? null,
    totpSecret: login?.totpSecret ?? null,
    states: sorted(states.map((s) => s.iso3)),
  };
}

async function roleState(db: Database, role: string): Promise<RecordState | null> {
  const [row] = await db.select({ requireTotp: rolePolicies.requireTotp }).from(rolePolicies).where(sql`${rolePolicies.role} = ${role}`);
  return row ? { requireTotp: row.requireTotp } : null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The kinds of record whose whole state the ledger records. */
export const stateful = new Set(['evidence', 'assessment', 'user', 'role']);

/** A ledgered record's state now; undefined for kinds the ledger records no state of. */
export async function recordState(db: Database, entityType: string, entityId: string): Promise<RecordState | null | undefined> {
  if (!stateful.has(entityType)) return undefined;
  if (entityType === 'role') return roleState(db, entityId);
  if (!uuid.test(entityId)) return undefined;
  if (entityType === 'evidence') return (await evidenceStates(db, [entityId])).get(entityId) ?? null;
  if (entityType === 'assessment') return assessmentState(db, entityId);
  return userState(db, entityId);
}

/** Each ledgered record's last entry (with the state digest it recorded, if any), a page at a time. */
async function lastEntries(db: Database, after: { entityType: string; entityId: string } | null, limit: number) {
  const rows = await db
    .selectDistinctOn([auditLedger.entityType, auditLedger.entityId], {
      seq: auditLedger.seq,
      entityType: auditLedger.entityType,
      entityId: auditLedger.entityId,
      stateDigest: auditLedger.stateDigest,
    })
    .from(auditLedger)
    .where(after ? sql`(${auditLedger.entityType}, ${auditLedger.entityId}) > (${after.entityType}, ${after.entityId})` : undefined)
    .orderBy(auditLedger.entityType, auditLedger.entityId, sql`${auditLedger.seq} desc`)
    .limit(limit);
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export type StateVerdict = { ok: true; records: number } | { ok: false; records: number; first: { entityType: string; entityId: string; seq: number; reason: string } };

/**
 * Proves the data is what the ledger says: every record whose last entry recorded its state must
 * have exactly that state now. Names the first record that does not.
 */
export async function verifyRecordStates(db: Database, onProgress?: (done: number) => void): Promise<StateVerdict> {
  const secret = await ledgerSecret(db);
  let after: { entityType: string; entityId: string } | null = null;
  let records = 0;
  for (;;) {
    const page = await lastEntries(db, after, 500);
    if (page.length === 0) return { ok: true, records };
    for (const entry of page) {
      if (entry.stateDigest === null || !stateful.has(entry.entityType)) continue;
      records++;
      const state = await recordState(db, entry.entityType, entry.entityId);
      const salt = recordSalt(secret, entry.entityType, entry.entityId);
      if (state === null || saltedDigest(salt, state) !== entry.stateDigest) {
        const reason = state === null ? 'it is missing, though the ledger records it' : `its current row does not match its last ledger entry (${entry.seq})`;
        return { ok: false, records, first: { entityType: entry.entityType, entityId: entry.entityId, seq: entry.seq, reason } };
      }
    }
    const last = page.at(-1);
    after = last ? { entityType: last.entityType, entityId: last.entityId } : null;
    onProgress?.(records);
  }
}
