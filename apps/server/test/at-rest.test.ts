import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  attachToEvidence,
  attachmentContent,
  createEvidence,
  createKeyFile,
  dataKeysFor,
  eraseEvidence,
  findLoginUser,
  getEvidence,
  keyState,
  listEvidence,
  listIntake,
  openDatabase,
  readKeyFile,
  retractEvidence,
  reviewEvidence,
  rewrapDataKeys,
  rewrapSecrets,
  seedCatalogue,
  setTotpSecret,
  submitEvidence,
  submitIntake,
  triageIntake,
  updateEvidence,
  useKeyring,
  verifyLedger,
  type OpenedDatabase,
} from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, evidenceFields, verifiedEvidence, type TestUser } from '@tracker/db/testing';
import { databaseUrl, randomName, withAdmin } from '@tracker/db/testing/postgres-server';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeBackup } from '../src/commands/backup';

const run = promisify(execFile);

/** Words that must never be found in the clear anywhere the data is kept. */
const markers = {
  title: 'MARKERTITLEQUOLL',
  summary: 'MARKERSUMMARYNUMBAT',
  sourceUrl: 'https://example.org/MARKERSOURCEBILBY',
  publisher: 'MARKERPUBLISHERWOMBAT',
  note: 'MARKERNOTEDINGO',
  edited: 'MARKEREDITEDPOTOROO',
  proposed: 'MARKERPROPOSEDBANDICOOT',
  reason: 'MARKERREASONEMU',
  filename: 'MARKERFILEKOALA.txt',
  file: 'MARKERBYTESPLATYPUS in the uploaded file',
  totp: 'MARKERTOTPKESTRELABCDEFG',
  intakeWhat: 'MARKERINTAKECASSOWARY what was seen',
  intakeContact: 'MARKERCONTACTECHIDNA',
  intakeFilename: 'MARKERINTAKEFILEQUOKKA.txt',
  intakeFile: 'MARKERINTAKEBYTESWALLABY in the sent file',
  intakeReason: 'MARKERTRIAGEGALAH',
};

/** Every file below `dir`, read whole: the raw bytes an attacker with a copy of the folder has. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

const found = (blobs: { path: string; bytes: Buffer }[], words: string[]) =>
  blobs.flatMap(({ path, bytes }) => words.filter((w) => bytes.includes(Buffer.from(w, 'utf8'))).map((w) => `${w} in ${path}`));

interface Story {
  monitor: TestUser;
  reviewer: TestUser;
  admin: TestUser;
  itemId: string;
  retractedId: string;
  sha256: string;
}

/** Everything a confidential item goes through, each step leaving its content somewhere. */
async function tellTheStory(handle: OpenedDatabase): Promise<Story> {
  const db = handle.db;
  await seedCatalogue(db);
  const monitor = await createUser(db, 'monitor');
  const reviewer = await createUser(db, 'reviewer');
  const admin = await createUser(db, 'admin');
  const draft = await createEvidence(db, monitor, evidenceFields({ kind: 'testimony', visibility: 'confidential', containsPersonalData: true, title: markers.title, summary: markers.summary, sourceUrl: markers.sourceUrl, publisher: markers.publisher }));
  const edited = await updateEvidence(db, monitor, { id: draft.id, revision: 1, summary: `${markers.summary} ${markers.edited}` });
  const file = Buffer.from(markers.file);
  const sha256 = createHash('sha256').update(file).digest('hex');
  await attachToEvidence(db, monitor, draft.id, { filename: markers.filename, bytes: file, sha256, mediaType: 'text/plain' });
  await submitEvidence(db, monitor, draft.id);
  const verified = await reviewEvidence(db, reviewer, { id: draft.id, decision: 'verify', note: markers.note });
  await updateEvidence(db, monitor, { id: draft.id, revision: verified.revision ?? edited.revision ?? 1, title: `${markers.title} ${markers.proposed}` });

  const other = await verifiedEvidence(db, monitor, reviewer, { title: 'Another confidential account', visibility: 'confidential' });
  await retractEvidence(db, reviewer, { id: other.id, reason: markers.reason });

  await setTotpSecret(db, monitor.id, monitor.id, markers.totp);

  // Information sent from outside, one submission left new and one discarded with a reason.
  const sent = Buffer.from(markers.intakeFile);
  const intakeContent = { what: markers.intakeWhat, iso3: 'KHM', site: null, when: null, sourceUrl: null, contact: markers.intakeContact };
  await submitIntake(db, intakeContent, [{ filename: markers.intakeFilename, bytes: sent, sha256: createHash('sha256').update(sent).digest('hex'), mediaType: 'text/plain' }], `one-${randomUUID()}`);
  await submitIntake(db, intakeContent, [], `two-${randomUUID()}`);
  const [second] = (await listIntake(db, reviewer, 'new', null)).filter((s) => s.files.length === 0);
  await triageIntake(db, reviewer, { id: second?.id ?? '', decision: 'discard', reason: markers.intakeReason });
  return { monitor, reviewer, admin, itemId: draft.id, retractedId: other.id, sha256 };
}

/** Those entitled notice nothing: they read, search and download as before. */
async function entitledReadersNoticeNothing(handle: OpenedDatabase, story: Story) {
  const db = handle.db;
  const item = await getEvidence(db, story.reviewer, story.itemId);
  expect(item).toMatchObject({ title: markers.title, sourceUrl: markers.sourceUrl, publisher: markers.publisher, reviewNote: markers.note });
  expect(item.summary).toContain(markers.edited);
  expect(item.pendingChange?.content.title).toContain(markers.proposed);
  expect(item.attachments.map((a) => a.filename)).toEqual([markers.filename]);
  const search = await listEvidence(db, story.reviewer, { q: markers.edited.toLowerCase(), limit: 25 });
  expect(search.items.map((e) => e.id)).toEqual([story.itemId]);
  expect((await listEvidence(db, null, { q: markers.title, limit: 25 })).items).toEqual([]);
  const download = await attachmentContent(db, story.reviewer, story.itemId, story.sha256);
  const chunks: Buffer[] = [];
  for await (const chunk of download.chunks()) chunks.push(Buffer.from(chunk));
  expect(Buffer.concat(chunks).toString()).toBe(markers.file);
  expect((await getEvidence(db, story.reviewer, story.retractedId)).retraction?.reason).toBe(markers.reason);
  expect((await findLoginUser(db, story.monitor.email))?.totpSecret).toBe(markers.totp);
  const [sent] = await listIntake(db, story.reviewer, 'new', null);
  expect(sent).toMatchObject({ content: { what: markers.intakeWhat, contact: markers.intakeContact }, files: [{ filename: markers.intakeFilename }] });
  expect((await listIntake(db, story.reviewer, 'discarded', null))[0]?.reason).toBe(markers.intakeReason);
  expect((await verifyLedger(db)).ok).toBe(true);
}

describe('confidential content at rest, on the embedded database', () => {
  /** Opened once (making its key), the story told, closed. Each test opens a copy of its own. */
  const template = mkdtempSync(join(tmpdir(), 'tracker-at-rest-'));
  const roots: string[] = [template];
  let keyCreated = false;
  let story: Story;
  let open: OpenedDatabase | undefined;

  beforeAll(async () => {
    const handle = await openDatabase({ dataDir: join(template, 'data'), keyFile: join(template, 'tracker-key') });
    keyCreated = handle.keyCreated;
    story = await tellTheStory(handle);
    await handle.close();
  }, 60_000);
  afterEach(async () => {
    await open?.close().catch(() => undefined);
    open = undefined;
  });
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  /** A copy of the data folder and its key, opened. */
  const copy = async () => {
    const root = mkdtempSync(join(tmpdir(), 'tracker-at-rest-'));
    roots.push(root);
    cpSync(template, root, { recursive: true });
    const dataDir = join(root, 'data');
    const keyFile = join(root, 'tracker-key');
    open = await openDatabase({ dataDir, keyFile });
    return { root, dataDir, keyFile, handle: open };
  };
  const reopen = async (options: { dataDir: string; keyFile: string }) => {
    open = await openDatabase(options);
    return open;
  };

  it('makes a key file readable by its owner only, outside the data folder', () => {
    const keyFile = join(template, 'tracker-key');
    expect(keyCreated).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('reviewers read, search and download as before', async () => entitledReadersNoticeNothing((await copy()).handle, story));

  it('no file of the data folder or of a backup holds any of it in the clear', async () => {
    const { root, dataDir, handle } = await copy();
    const backup = join(root, 'backup');
    await writeBackup(handle.db, backup);
    await handle.close();
    expect(found(filesUnder(dataDir), Object.values(markers))).toEqual([]);
    expect(found(filesUnder(backup), Object.values(markers))).toEqual([]);
  });

  it('refuses to open with another key, or none, and changes nothing', async () => {
    const { root, dataDir, keyFile, handle } = await copy();
    const tables = async (db: OpenedDatabase) => (await writeBackup(db.db, join(root, `tables-${Date.now()}`))).tables;
    const before = await tables(handle);
    await handle.close();
    const otherKey = join(root, 'other-key');
    await expect(openDatabase({ dataDir, keyFile: otherKey })).rejects.toThrow(/holds encrypted data, but the key file .*other-key does not exist/);
    expect(existsSync(otherKey)).toBe(false);
    createKeyFile(otherKey);
    await expect(openDatabase({ dataDir, keyFile: otherKey })).rejects.toThrow(/The key in .*other-key does not open this database/);
    await expect(openDatabase({ dataDir: root, keyFile: join(root, 'tracker-key') })).rejects.toThrow(/inside the data directory/);
    expect(await tables(await reopen({ dataDir, keyFile }))).toEqual(before);
  });

  it('after rotation the old key opens nothing and the new one opens everything', async () => {
    const { root, dataDir, keyFile, handle } = await copy();
    const oldKey = readKeyFile(keyFile);
    const newKey = createKeyFile(join(root, 'rotated-key'));
    if (!oldKey) throw new Error('no key');
    // Interrupted after one key, then run again to the end.
    expect(await rewrapDataKeys(handle.db, oldKey, newKey, 1)).toBe(1);
    while ((await rewrapDataKeys(handle.db, oldKey, newKey)) > 0);
    await rewrapSecrets(handle.db, oldKey, newKey);
    expect((await keyState(handle.db)).opens(oldKey)).toBe(false);
    useKeyring(oldKey);
    await expect(dataKeysFor(handle.db, 'evidence', [story.itemId])).rejects.toThrow();
    useKeyring(newKey);
    await entitledReadersNoticeNothing(handle, story);
    await handle.close();
    await expect(openDatabase({ dataDir, keyFile })).rejects.toThrow(/does not open this database/);
    await entitledReadersNoticeNothing(await reopen({ dataDir, keyFile: join(root, 'rotated-key') }), story);
  });

  it('erasure destroys the content, files and key; the facts stay; the ledger still verifies', async () => {
    const { handle } = await copy();
    const done = await eraseEvidence(handle.db, story.admin, { id: story.itemId, reason: 'The survivor asked for removal.' });
    const view = await getEvidence(handle.db, story.reviewer, story.itemId);
    expect(view).toMatchObject({ title: '', summary: '', sourceUrl: null, attachments: [], iso3: 'KHM', recommendationKeys: ['A.2'], reliability: 'A', visibility: 'confidential' });
    expect(view.erasure).toEqual({ at: done.erasedAt, reason: 'The survivor asked for removal.' });
    expect(await dataKeysFor(handle.db, 'evidence', [story.itemId])).toEqual(new Map());
    expect(await handle.db.select().from(t.evidenceRevisions).where(eq(t.evidenceRevisions.evidenceId, story.itemId))).toEqual([]);
    expect(await handle.db.select().from(t.blobs).where(eq(t.blobs.sha256, story.sha256))).toEqual([]);
    expect(await verifyLedger(handle.db)).toMatchObject({ ok: true });
    await expect(attachmentContent(handle.db, story.reviewer, story.itemId, story.sha256)).rejects.toThrow(/not found/);
  });
});

const template = inject('postgresTemplate');
describe.skipIf(!template)(`confidential content at rest, on PostgreSQL${template ? '' : ' [SKIPPED: PostgreSQL unavailable]'}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'tracker-at-rest-pg-'));
  const name = randomName('tracker_at_rest');
  let handle: OpenedDatabase;
  let story: Story;

  beforeAll(async () => {
    await withAdmin((sql) => sql.unsafe(`create database ${name}`));
    handle = await openDatabase({ databaseUrl: databaseUrl(name), dataDir: join(root, 'unused'), keyFile: join(root, 'tracker-key') });
    story = await tellTheStory(handle);
  }, 60_000);
  afterAll(async () => {
    await handle.close().catch(() => undefined);
    await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    rmSync(root, { recursive: true, force: true });
  });

  it('reviewers read, search and download as before', () => entitledReadersNoticeNothing(handle, story));

  it('a pg_dump and a backup hold none of it in the clear', async () => {
    const { stdout } = await run('pg_dump', ['--no-owner', databaseUrl(name)], { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' });
    expect(found([{ path: 'pg_dump', bytes: stdout }], Object.values(markers))).toEqual([]);
    const backup = join(root, 'backup');
    await writeBackup(handle.db, backup);
    expect(found(filesUnder(backup), Object.values(markers))).toEqual([]);
  });

  it('erasure leaves the ledger verifying and no readable copy in a dump', async () => {
    // An item of its own: the other tests still read the first story's.
    const own = await tellTheStory(handle);
    await eraseEvidence(handle.db, own.admin, { id: own.itemId, reason: 'The survivor asked for removal.' });
    expect(await verifyLedger(handle.db)).toMatchObject({ ok: true });
    expect(await dataKeysFor(handle.db, 'evidence', [own.itemId])).toEqual(new Map());
    const { stdout } = await run('pg_dump', ['--no-owner', databaseUrl(name)], { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' });
    expect(found([{ path: 'pg_dump', bytes: stdout }], Object.values(markers))).toEqual([]);
  });
});
