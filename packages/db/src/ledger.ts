import { createHash } from 'node:crypto';
import { asc, desc, gt, lt, sql } from 'drizzle-orm';
import type { Database } from './client';
import { auditLedger } from './schema';

/**
 * The tamper-evident ledger. Each entry's hash covers the previous entry's hash and a canonical
 * JSON of the entry, in which `before` and `after` appear as their own SHA-256 digests. So the
 * chain can be verified from an export that carries only digests for confidential records, and
 * anyone holding the full record can check it against its digest.
 */

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends: the chain must not fork under concurrent writers. */
const LEDGER_LOCK_KEY = 727_001_2024;

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
export const digestOf = (value: unknown) => sha256Hex(canonicalJson(value ?? null));

export interface LedgerEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface ChainedEntry {
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string;
  afterDigest: string;
  prevHash: string;
}

export function entryHash(entry: ChainedEntry): string {
  return sha256Hex(canonicalJson(entry));
}

/** Dates become ISO strings and undefined disappears, exactly as the value will read back from jsonb. */
const plain = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));

/** Appends one entry; call inside the transaction that makes the change, with its `tx`. */
export async function appendLedger(tx: Database, entry: LedgerEntry): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLedger.hash }).from(auditLedger).orderBy(desc(auditLedger.seq)).limit(1);
  const before = plain(entry.before);
  const after = plain(entry.after);
  const at = new Date();
  const chained: ChainedEntry = {
    at: at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    beforeDigest: digestOf(before),
    afterDigest: digestOf(after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(chained);
  await tx.insert(auditLedger).values({
    at,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before,
    after,
    prevHash: chained.prevHash,
    hash,
  });
  return hash;
}

export interface LedgerHead {
  seq: number;
  hash: string;
  at: string;
}

export async function ledgerHead(db: Database): Promise<LedgerHead | null> {
  const [row] = await db
    .select({ seq: auditLedger.seq, hash: auditLedger.hash, at: auditLedger.at })
    .from(auditLedger)
    .orderBy(desc(auditLedger.seq))
    .limit(1);
  return row ? { seq: Number(row.seq), hash: row.hash, at: row.at.toISOString() } : null;
}

export interface VerifiedEntry extends ChainedEntry {
  seq: number;
  hash: string;
}

export type LedgerVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBroken: { seq: number; reason: string } };

/** Walks any sequence of exported entries in order and names the first link that does not hold. */
export function verifyEntries(entries: Iterable<VerifiedEntry>, state = { prev: GENESIS_HASH, count: 0 }): LedgerVerdict | null {
  for (const e of entries) {
    state.count++;
    const { seq, hash, ...chained } = e;
    if (chained.prevHash !== state.prev) {
      return { ok: false, entries: state.count, firstBroken: { seq, reason: 'it does not point at the previous entry (an entry was removed, inserted or reordered)' } };
    }
    if (entryHash(chained) !== hash) {
      return { ok: false, entries: state.count, firstBroken: { seq, reason: 'its content does not match its hash (the entry was altered)' } };
    }
    state.prev = hash;
  }
  return null;
}

type LedgerRow = typeof auditLedger.$inferSelect;

/** A stored row as the chain sees it: content replaced by its digests. Exports carry exactly this. */
export function toChainedEntry(r: LedgerRow): VerifiedEntry {
  return {
    seq: Number(r.seq),
    hash: r.hash,
    at: r.at.toISOString(),
    actorId: r.actorId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    beforeDigest: digestOf(r.before),
    afterDigest: digestOf(r.after),
    prevHash: r.prevHash,
  };
}

/** Reads the ledger in pages and verifies the chain from the first entry to the head. */
export async function verifyLedger(db: Database, pageSize = 2000, onProgress?: (done: number) => void): Promise<LedgerVerdict> {
  const state = { prev: GENESIS_HASH, count: 0 };
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLedger)
      .where(gt(auditLedger.seq, after))
      .orderBy(asc(auditLedger.seq))
      .limit(pageSize);
    if (rows.length === 0) break;
    const verdict = verifyEntries(rows.map(toChainedEntry), state);
    if (verdict) return verdict;
    after = Number(rows.at(-1)?.seq);
    onProgress?.(state.count);
  }
  return { ok: true, entries: state.count, head: state.prev };
}

/** Newest first, for the audit log page; `before` is the last `seq` of the previous page. */
export async function auditEntries(db: Database, page: { before?: number | undefined; limit: number }) {
  const rows = await db
    .select()
    .from(auditLedger)
    .where(page.before ? lt(auditLedger.seq, page.before) : undefined)
    .orderBy(desc(auditLedger.seq))
    .limit(page.limit);
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at: r.at.toISOString() }));
}
