import { createHash, createHmac } from 'node:crypto';
import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from './client';
import type { AuditAction } from '@tracker/domain';
import { auditLedger, evidence, users } from './schema';
import { logWhere, type LogFilter } from './queries/log-filter';
import { dataKeyFor, dataKeysFor, type KeyedEntity } from './queries/record-keys';
import { trackerSecret } from './secrets';
import { aadOf, isSealedJson, openJson, sealJson } from './crypto/seal';

/**
 * The tamper-evident ledger. Each entry's hash covers the previous entry's hash and a canonical
 * JSON of the entry.
 *
 * Format 2 (every entry written now) keeps the chain publishable without naming anything: the
 * record is named by a reference, and `before`, `after` and the whole record after the change
 * (`state`) appear only as digests, all keyed by a per-record salt derived from a secret that no
 * export carries. So an exported chain can be verified and its head pinned by anyone, while nobody
 * can tell which records an entry is about or confirm a guess of a short text. For a public record
 * the export adds its id and salt, so its entries can be checked against what is published.
 * Format 1 entries (written before) hash the plain id and unsalted digests; they verify as before.
 */

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends: the chain must not fork under concurrent writers. */
const LEDGER_LOCK_KEY = 727_001_2024;
const SECRET_NAME = 'ledger_salt';

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
const hmacHex = (key: Uint8Array | string, text: string) => createHmac('sha256', key).update(text).digest('hex');

/** The salt of one record's references and digests: published only for public records. */
export const recordSalt = (secret: Uint8Array, entityType: string, entityId: string) => hmacHex(secret, `record:${entityType}:${entityId}`);
export const entityRefOf = (salt: string, entityType: string, entityId: string) => hmacHex(salt, `ref:${entityType}:${entityId}`);
export const saltedDigest = (salt: string, value: unknown) => hmacHex(salt, canonicalJson(value ?? null));
const actorRefOf = (secret: Uint8Array, actorId: string | null) => (actorId ? hmacHex(secret, `actor:${actorId}`) : null);

/** The ledger's secret salt (see `trackerSecret`): in the database and its backups, never in a ledger export. */
export const ledgerSecret = (db: Database) => trackerSecret(db, SECRET_NAME);

export interface LedgerEntry {
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The whole record after the change, when it can be read back later and compared. */
  state?: unknown;
}

export interface ChainedEntryV1 {
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string;
  afterDigest: string;
  prevHash: string;
}

export interface ChainedEntryV2 {
  format: 2;
  at: string;
  actorRef: string | null;
  action: string;
  entityType: string;
  entityRef: string;
  beforeDigest: string;
  afterDigest: string;
  stateDigest: string | null;
  prevHash: string;
}

export type ChainedEntry = ChainedEntryV1 | ChainedEntryV2;

export function entryHash(entry: ChainedEntry): string {
  return sha256Hex(canonicalJson(entry));
}

/** Dates become ISO strings and undefined disappears, exactly as the value will read back from jsonb. */
const plain = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));

/**
 * Appends one entry; call inside the transaction that makes the change, with its `tx`. With `seal`
 * (the record's data key), `before` and `after` are stored sealed; their digests are of the plain
 * content either way.
 */
export async function appendLedger(tx: Database, entry: LedgerEntry, options: { seal?: Buffer | null } = {}): Promise<string> {
  const secret = await ledgerSecret(tx);
  // The whole record after the change, for the kinds whose state the ledger records (read here, in
  // the transaction that made the change, so every writer records it the same way).
  const { recordState } = await import('./queries/record-state');
  const state = entry.state !== undefined ? entry.state : await recordState(tx, entry.entityType, entry.entityId);
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLedger.hash }).from(auditLedger).orderBy(desc(auditLedger.seq)).limit(1);
  const before = plain(entry.before);
  const after = plain(entry.after);
  const at = new Date();
  const salt = recordSalt(secret, entry.entityType, entry.entityId);
  const chained: ChainedEntryV2 = {
    format: 2,
    at: at.toISOString(),
    actorRef: actorRefOf(secret, entry.actorId),
    action: entry.action,
    entityType: entry.entityType,
    entityRef: entityRefOf(salt, entry.entityType, entry.entityId),
    beforeDigest: saltedDigest(salt, before),
    afterDigest: saltedDigest(salt, after),
    stateDigest: state === undefined || state === null ? null : saltedDigest(salt, plain(state)),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(chained);
  await tx.insert(auditLedger).values({
    at,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: options.seal ? sealJson(options.seal, ledgerContentAad(entry.entityType, entry.entityId, chained.at, 'before'), before) : before,
    after: options.seal ? sealJson(options.seal, ledgerContentAad(entry.entityType, entry.entityId, chained.at, 'after'), after) : after,
    format: 2,
    entityRef: chained.entityRef,
    actorRef: chained.actorRef,
    beforeDigest: chained.beforeDigest,
    afterDigest: chained.afterDigest,
    stateDigest: chained.stateDigest,
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

export type VerifiedEntry = ChainedEntry & { seq: number; hash: string };

/** An exported entry: for a public record, its id and salt are added so anyone can check it. */
export type ExportedEntry = VerifiedEntry & { entityId?: string; recordSalt?: string };

export type LedgerVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBroken: { seq: number; reason: string } };

const chainFields = (e: ExportedEntry): ChainedEntry => {
  if ('format' in e && e.format === 2) {
    const { format, at, actorRef, action, entityType, entityRef, beforeDigest, afterDigest, stateDigest, prevHash } = e;
    return { format, at, actorRef, action, entityType, entityRef, beforeDigest, afterDigest, stateDigest, prevHash };
  }
  const { at, actorId, action, entityType, entityId, beforeDigest, afterDigest, prevHash } = e as ChainedEntryV1;
  return { at, actorId, action, entityType, entityId, beforeDigest, afterDigest, prevHash };
};

/**
 * Walks any sequence of entries in order and names the first link that does not hold; where an
 * exported entry names its record and salt, checks that the reference matches them too.
 */
export function verifyEntries(entries: Iterable<ExportedEntry>, state = { prev: GENESIS_HASH, count: 0 }): LedgerVerdict | null {
  for (const e of entries) {
    state.count++;
    const chained = chainFields(e);
    if (chained.prevHash !== state.prev) {
      return { ok: false, entries: state.count, firstBroken: { seq: e.seq, reason: 'it does not point at the previous entry (an entry was removed, inserted or reordered)' } };
    }
    if (entryHash(chained) !== e.hash) {
      return { ok: false, entries: state.count, firstBroken: { seq: e.seq, reason: 'its content does not match its hash (the entry was altered)' } };
    }
    if ('format' in chained && e.recordSalt !== undefined && e.entityId !== undefined && entityRefOf(e.recordSalt, chained.entityType, e.entityId) !== chained.entityRef) {
      return { ok: false, entries: state.count, firstBroken: { seq: e.seq, reason: 'the record it names is not the one its reference was made for' } };
    }
    state.prev = e.hash;
  }
  return null;
}

type LedgerRow = typeof auditLedger.$inferSelect;

/** A stored row as the chain sees it. Format 1 digests are computed from the content; format 2 ones are stored. */
export function toChainedEntry(r: LedgerRow): VerifiedEntry {
  if (r.format === 2) {
    return {
      seq: Number(r.seq),
      hash: r.hash,
      format: 2,
      at: r.at.toISOString(),
      actorRef: r.actorRef,
      action: r.action,
      entityType: r.entityType,
      entityRef: r.entityRef ?? '',
      beforeDigest: r.beforeDigest ?? '',
      afterDigest: r.afterDigest ?? '',
      stateDigest: r.stateDigest,
      prevHash: r.prevHash,
    };
  }
  return {
    seq: Number(r.seq),
    hash: r.hash,
    at: r.at.toISOString(),
    actorId: r.actorId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    // Recorded in the row once its content was sealed; computed from the content before that.
    beforeDigest: r.beforeDigest ?? digestOf(r.before),
    afterDigest: r.afterDigest ?? digestOf(r.after),
    prevHash: r.prevHash,
  };
}

/** Where a ledger entry's sealed content belongs: its record, its time, its side. */
export const ledgerContentAad = (entityType: string, entityId: string, at: string, side: 'before' | 'after') => aadOf(entityType, entityId, `ledger:${at}:${side}`);

/** Opens sealed ledger content: a record's key, or null when it was destroyed by erasure, or undefined when it is missing. */
export type SealedOpener = (r: LedgerRow) => Promise<{ key: Buffer | null; erased: boolean }>;

/**
 * What the row itself says against what the chain says: the record id, actor and content of an
 * entry must match its references and digests. Sealed content is opened first; content whose key
 * was destroyed by an erasure is not compared, and sealed content nothing can open is a mismatch.
 * Null when they match.
 */
async function contentMismatch(secret: Uint8Array, r: LedgerRow, opener: SealedOpener): Promise<string | null> {
  const at = r.at.toISOString();
  const plainOf = async (side: 'before' | 'after', value: unknown): Promise<{ value: unknown } | 'skip' | 'unopenable'> => {
    if (!isSealedJson(value)) return { value };
    const { key, erased } = await opener(r);
    if (!key) return erased ? 'skip' : 'unopenable';
    try {
      return { value: openJson(key, ledgerContentAad(r.entityType, r.entityId, at, side), value) };
    } catch {
      return 'unopenable';
    }
  };
  const sides = [
    ['before', r.before, r.beforeDigest],
    ['after', r.after, r.afterDigest],
  ] as const;
  if (r.format !== 2) {
    for (const [side, value, digest] of sides) {
      if (digest === null) continue;
      const plain = await plainOf(side, value);
      if (plain === 'unopenable') return 'its sealed content cannot be opened (the entry was altered)';
      if (plain !== 'skip' && digestOf(plain.value) !== digest) return 'its content does not match its digest (the entry was altered)';
    }
    return null;
  }
  const salt = recordSalt(secret, r.entityType, r.entityId);
  if (entityRefOf(salt, r.entityType, r.entityId) !== r.entityRef) return 'the entry was altered: the record it names does not match its reference';
  if (actorRefOf(secret, r.actorId) !== r.actorRef) return 'the entry was altered: the account it names does not match its reference';
  for (const [side, value, digest] of sides) {
    const plain = await plainOf(side, value);
    if (plain === 'unopenable') return 'its sealed content cannot be opened (the entry was altered)';
    if (plain !== 'skip' && saltedDigest(salt, plain.value) !== digest) return 'its content does not match its digest (the entry was altered)';
  }
  return null;
}

/** Content kept encrypted, or erased on request: its digest stands for it. */
export const isSealed = (value: unknown) => isSealedJson(value) || (typeof value === 'object' && value !== null && 'erased' in value);

/** Opens sealed content with its record's data key, remembering keys; an erased item's missing key is expected. */
function recordKeyOpener(db: Database): SealedOpener {
  const known = new Map<string, Promise<{ key: Buffer | null; erased: boolean }>>();
  return (r) => {
    const id = `${r.entityType}:${r.entityId}`;
    let found = known.get(id);
    if (!found) {
      found = (async () => {
        const type = r.entityType as KeyedEntity;
        const key = type === 'evidence' || type === 'user' ? await dataKeyFor(db, type, r.entityId) : null;
        if (key) return { key, erased: false };
        const [row] = type === 'evidence' && /^[0-9a-f-]{36}$/.test(r.entityId) ? await db.select({ erasedAt: evidence.erasedAt }).from(evidence).where(eq(evidence.id, r.entityId)) : [];
        return { key: null, erased: Boolean(row?.erasedAt) };
      })();
      known.set(id, found);
    }
    return found;
  };
}

/** Reads the ledger in pages and verifies the chain and each entry's content from the first entry to the head. */
export async function verifyLedger(db: Database, pageSize = 2000, onProgress?: (done: number) => void, opener: SealedOpener = recordKeyOpener(db)): Promise<LedgerVerdict> {
  const state = { prev: GENESIS_HASH, count: 0 };
  const secret = await ledgerSecret(db);
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLedger)
      .where(gt(auditLedger.seq, after))
      .orderBy(asc(auditLedger.seq))
      .limit(pageSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      const verdict = verifyEntries([toChainedEntry(r)], state);
      if (verdict) return verdict;
      const mismatch = await contentMismatch(secret, r, opener);
      if (mismatch) return { ok: false, entries: state.count, firstBroken: { seq: Number(r.seq), reason: mismatch } };
    }
    after = Number(rows.at(-1)?.seq);
    onProgress?.(state.count);
  }
  return { ok: true, entries: state.count, head: state.prev };
}

/**
 * The chain for publication, in pages: every entry as the chain sees it, and for records the
 * public may read (`isPublic`) their id and salt.
 */
export async function exportLedger(
  db: Database,
  isPublic: (entityType: string, entityIds: string[]) => Promise<Set<string>>,
  onEntries: (entries: ExportedEntry[]) => Promise<void>,
  pageSize = 2000,
): Promise<number> {
  const secret = await ledgerSecret(db);
  let after = 0;
  let written = 0;
  for (;;) {
    const rows = await db.select().from(auditLedger).where(gt(auditLedger.seq, after)).orderBy(asc(auditLedger.seq)).limit(pageSize);
    if (rows.length === 0) break;
    const byType = new Map<string, string[]>();
    for (const r of rows) if (r.format === 2) byType.set(r.entityType, [...(byType.get(r.entityType) ?? []), r.entityId]);
    const open = new Map<string, Set<string>>();
    for (const [type, ids] of byType) open.set(type, await isPublic(type, [...new Set(ids)]));
    await onEntries(
      rows.map((r) => {
        const entry: ExportedEntry = toChainedEntry(r);
        if (r.format === 2 && open.get(r.entityType)?.has(r.entityId)) {
          entry.entityId = r.entityId;
          entry.recordSalt = recordSalt(secret, r.entityType, r.entityId);
        }
        return entry;
      }),
    );
    written += rows.length;
    after = Number(rows.at(-1)?.seq);
  }
  return written;
}

export async function countLedgerEntries(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLedger);
  return Number(row?.n ?? 0);
}

/**
 * Newest first, for the audit log page; `before` is the last `seq` of the previous page. Sealed
 * content is opened for the admins who read it; content whose key an erasure destroyed reads as
 * `{ erased: true }`.
 */
export async function auditEntries(db: Database, filter: LogFilter<AuditAction>) {
  const found = await db
    .select({ entry: auditLedger, displayName: users.displayName, email: users.email })
    .from(auditLedger)
    .leftJoin(users, eq(users.id, auditLedger.actorId))
    .where(logWhere({ ...auditLedger, userId: auditLedger.actorId }, filter))
    .orderBy(desc(auditLedger.seq))
    .limit(filter.limit);
  const rows = found.map((r) => ({ ...r.entry, actor: r.displayName === null ? null : { displayName: r.displayName, email: r.email as string } }));
  const sealed = (type: KeyedEntity) => rows.filter((r) => r.entityType === type && (isSealedJson(r.before) || isSealedJson(r.after))).map((r) => r.entityId);
  const keys = new Map<string, Buffer>();
  for (const type of ['evidence', 'user'] as const) for (const [id, key] of await dataKeysFor(db, type, sealed(type))) keys.set(`${type}:${id}`, key);
  return rows.map((r) => {
    const at = r.at.toISOString();
    const open = (side: 'before' | 'after', value: unknown) => {
      if (!isSealedJson(value)) return value;
      const key = keys.get(`${r.entityType}:${r.entityId}`);
      return key ? openJson(key, ledgerContentAad(r.entityType, r.entityId, at, side), value) : { erased: true };
    };
    return { ...r, before: open('before', r.before), after: open('after', r.after), seq: Number(r.seq), at };
  });
}
