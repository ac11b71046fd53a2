import { seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { createHash } from 'node:crypto';
import { count } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf } from './support';

// The smallest valid PNG: 1×1 transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describeEachDb('evidence attachments', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  const attach = (user: TestUser, id: string, filename: string, bytes: Buffer) =>
    as(user).evidence.attach({ id, filename, contentBase64: bytes.toString('base64') });

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
  });

  it('stores a file by its SHA-256, shown with the evidence, with its type sniffed from content', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    const withFile = await attach(monitor, draft.id, 'photo.pdf', PNG);
    expect(withFile.attachments).toEqual([
      { sha256: createHash('sha256').update(PNG).digest('hex'), filename: 'photo.pdf', size: PNG.byteLength, mediaType: 'image/png' },
    ]);
    const pdf = await attach(monitor, draft.id, 'decree.pdf', PDF);
    expect(pdf.attachments.map((a) => a.mediaType)).toEqual(['image/png', 'application/pdf']);
    const text = await attach(monitor, draft.id, 'notes.txt', Buffer.from('Notes in Thai: ศาลตัดสิน'));
    expect(text.attachments.at(-1)?.mediaType).toBe('text/plain');
  });

  it('stores identical content once, however many items attach it', async () => {
    const before = (await suite.db.select({ n: count() }).from(t.blobs))[0]?.n ?? 0;
    const a = await as(monitor).evidence.create(evidenceFields());
    const b = await as(monitor).evidence.create(evidenceFields());
    await attach(monitor, a.id, 'same.png', PNG);
    await attach(monitor, b.id, 'copy.png', PNG);
    const after = (await suite.db.select({ n: count() }).from(t.blobs))[0]?.n ?? 0;
    expect(after - before).toBe(before === 0 ? 1 : 0);
  });

  it('refuses types outside the allow-list, whatever the file is called', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    const error = await errorOf(attach(monitor, draft.id, 'report.pdf', EXE));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/contentBase64: files of type .* are not accepted/);
    expect((await errorOf(attach(monitor, draft.id, 'empty.txt', Buffer.alloc(0)))).message).toMatch(/empty/);
    expect((await errorOf(as(monitor).evidence.attach({ id: draft.id, filename: '../../etc/passwd', contentBase64: 'aGk=' }))).message).toMatch(/filename/);
  });

  it('refuses a file over 20 MB before decoding it', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    const tooBig = 'A'.repeat(Math.ceil((20 * 1024 * 1024) / 3) * 4 + 8);
    const error = await errorOf(as(monitor).evidence.attach({ id: draft.id, filename: 'big.bin', contentBase64: tooBig }));
    expect(error.message).toMatch(/at most 20 MB/);
  });

  it('only the author attaches, and only to a draft', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    expect((await errorOf(attach(reviewer, draft.id, 'x.png', PNG))).code).toBe('FORBIDDEN');
    await as(monitor).evidence.submit({ id: draft.id });
    expect((await errorOf(attach(monitor, draft.id, 'late.png', PNG))).code).toBe('CONFLICT');
  });
});
