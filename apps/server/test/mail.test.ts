import type { AddressInfo } from 'node:net';
import { createCaller, createContextInner } from '@tracker/api';
import { seedCatalogue, useMail } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { isNull } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { pageTexts } from '../src/http/page-texts';
import { runChores } from '../src/chores';
import { startMailSender } from '../src/mail/sender';
import { smtpTransport } from '../src/mail/transport';

const SECRET = 'SURVIVOR-MARKER-8843';
const ORIGIN = 'https://tracker.example.org';

/** A real SMTP server on loopback that keeps what it receives; it can be stopped and started again on its port. */
function mailbox() {
  const received: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onData(stream, _session, callback) {
          simpleParser(stream)
            .then((mail) => {
              received.push(mail);
              callback();
            })
            .catch(callback);
        },
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  return { received, start, stop, url: () => `smtp://127.0.0.1:${port}` };
}

describeEachDb('mail through SMTP, with nothing lost', (suite) => {
  const box = mailbox();
  let monitor: TestUser;
  let reviewer: TestUser;
  const as = (user: TestUser | null) => createCaller(createContextInner({ db: suite.db, user }));
  const sender = () =>
    startMailSender(suite.handle, { transport: smtpTransport(box.url()), from: 'Tracker <tracker@example.org>', origin: () => ORIGIN, texts: pageTexts(), intervalMs: 60_000 });
  const decide = async (title: string, decision: 'verify' | 'reject', overrides: Parameters<typeof evidenceFields>[0] = {}) => {
    const draft = await as(monitor).evidence.create(evidenceFields({ title, ...overrides }));
    await as(monitor).evidence.submit({ id: draft.id });
    await as(reviewer).evidence.review({ id: draft.id, decision, note: `${SECRET} reviewer note` });
    return draft.id;
  };
  const waiting = async () => (await suite.db.select({ id: t.mailOutbox.id }).from(t.mailOutbox).where(isNull(t.mailOutbox.sentAt))).length;

  beforeAll(async () => {
    useMail(true);
    await box.start();
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor', 'Somchai');
    reviewer = await createUser(suite.db, 'reviewer');
    await as(monitor).notifications.setPreferences({ language: 'th', mailOff: [] });
  });
  afterAll(async () => {
    useMail(false);
    await box.stop();
  });

  it('delivers a decision to its author, in their language, with a link and nothing of the content', async () => {
    const id = await decide(`${SECRET} testimony`, 'verify', { summary: `${SECRET} names and places`, visibility: 'confidential', containsPersonalData: true, kind: 'testimony' });
    const mail = sender();
    expect(await mail.tick()).toBe(1);
    await mail.stop();
    const [message] = box.received;
    expect(message?.to).toMatchObject({ value: [{ address: monitor.email, name: 'Somchai' }] });
    expect(message?.from?.value[0]?.address).toBe('tracker@example.org');
    expect(message?.subject).toBe('หลักฐานของคุณผ่านการตรวจสอบแล้ว');
    expect(message?.text).toContain('สวัสดีคุณ Somchai');
    expect(message?.text).toContain(`${ORIGIN}/th/evidence/${id}`);
    expect(message?.headers.get('content-language')).toBe('th');
    expect(message?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain(`<${ORIGIN}/th/account#notices>`);
    expect(message?.messageId).toMatch(/@tracker\.example\.org>?$/);
    // Never the testimony, nor the reviewer's note: the mail says what happened and where to look.
    expect(JSON.stringify(box.received)).not.toContain(SECRET);
    expect(await waiting()).toBe(0);
  });

  it('keeps mail through an SMTP outage and delivers each message once when the server is back', async () => {
    box.received.length = 0;
    await box.stop();
    const ids = [await decide('During the outage 1', 'reject'), await decide('During the outage 2', 'verify'), await decide('During the outage 3', 'reject')];
    const mail = sender();
    expect(await mail.tick()).toBe(0);
    await mail.stop();
    expect(await waiting()).toBe(3);
    const failed = await suite.db.select({ attempts: t.mailOutbox.attempts, lastError: t.mailOutbox.lastError, next: t.mailOutbox.nextAttemptAt }).from(t.mailOutbox).where(isNull(t.mailOutbox.sentAt));
    expect(failed.every((m) => m.attempts === 1 && m.lastError && m.next.getTime() > Date.now())).toBe(true);
    await box.start();
    // Not before its next try is due: then, once.
    const early = sender();
    expect(await early.tick()).toBe(0);
    await early.stop();
    await suite.db.update(t.mailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(isNull(t.mailOutbox.sentAt));
    // Two senders at once, as two servers on one database would run: each message goes once.
    const [a, b] = [sender(), sender()];
    const sent = (await Promise.all([a.tick(), b.tick()])).reduce((x, y) => x + y, 0);
    await Promise.all([a.stop(), b.stop()]);
    expect(sent).toBe(3);
    expect(box.received).toHaveLength(3);
    const links = box.received.map((m) => m.text ?? '');
    for (const id of ids) expect(links.filter((text) => text.includes(id))).toHaveLength(1);
    expect(await waiting()).toBe(0);
    // A restart finds nothing left to send.
    const again = sender();
    expect(await again.tick()).toBe(0);
    await again.stop();
    expect(box.received).toHaveLength(3);
  });

  it('takes over a message whose sender died holding it, once its lease has run out', async () => {
    box.received.length = 0;
    await decide('Held by a dead sender', 'verify');
    // A sender took it and died before sending: the row is claimed until a moment from now.
    await suite.db.update(t.mailOutbox).set({ claimedUntil: new Date(Date.now() + 60_000), attempts: 1 }).where(isNull(t.mailOutbox.sentAt));
    const mail = sender();
    expect(await mail.tick()).toBe(0);
    await suite.db.update(t.mailOutbox).set({ claimedUntil: new Date(Date.now() - 1) }).where(isNull(t.mailOutbox.sentAt));
    expect(await mail.tick()).toBe(1);
    await mail.stop();
    expect(box.received).toHaveLength(1);
  });

  it('mails the public a confirmation, then what they subscribed to, each with a working unsubscribe link and header, in their language', async () => {
    box.received.length = 0;
    await as(null).subscriptions.subscribe({ email: 'reader@example.org', iso3: 'KHM', language: 'th' });
    const mail = sender();
    expect(await mail.tick()).toBe(1);
    const [confirm] = box.received;
    expect(confirm?.to).toMatchObject({ value: [{ address: 'reader@example.org' }] });
    expect(confirm?.subject).toContain('ยืนยัน');
    expect(confirm?.headers.get('content-language')).toBe('th');
    const confirmLink = new URL(/https:\/\/\S+\/subscriptions\/confirm\?token=\S+/.exec(confirm?.text ?? '')?.[0] ?? 'https://missing.example');
    expect(confirmLink.origin + confirmLink.pathname).toBe(`${ORIGIN}/th/subscriptions/confirm`);
    const unsubscribeHeader = confirm?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    expect(unsubscribeHeader).toContain(`<${ORIGIN}/th/subscriptions/unsubscribe?token=`);
    // Nothing else until the link is used (the author still hears of their own decision).
    const toReader = () => box.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === 'reader@example.org');
    await decide('Public ruling before confirmation', 'verify', { iso3: 'KHM' });
    await mail.tick();
    expect(toReader()).toHaveLength(1);
    await as(null).subscriptions.confirm({ token: confirmLink.searchParams.get('token') ?? '' });
    const id = await decide('Public ruling after confirmation', 'verify', { iso3: 'KHM' });
    await decide(`${SECRET} testimony after confirmation`, 'verify', { iso3: 'KHM', visibility: 'confidential', containsPersonalData: true, kind: 'testimony' });
    await mail.tick();
    await mail.stop();
    expect(toReader()).toHaveLength(2);
    const news = toReader().at(-1);
    expect(news?.text).toContain(`${ORIGIN}/th/evidence/${id}`);
    expect(news?.text).toContain('กัมพูชา');
    const stop = /<([^>]+)>/.exec(news?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '')?.[1] ?? '';
    expect(news?.text).toContain(stop);
    expect(JSON.stringify(box.received)).not.toContain(SECRET);
    // The unsubscribe link in the header ends it.
    await as(null).subscriptions.unsubscribe({ token: new URL(stop).searchParams.get('token') ?? '' });
    await decide('Public ruling after unsubscribing', 'verify', { iso3: 'KHM' });
    const after = sender();
    await after.tick();
    await after.stop();
    expect(toReader()).toHaveLength(2);
  });

  it('tells a follower and a subscriber, once, in their languages, that a commitment is overdue, with a link to the State', async () => {
    box.received.length = 0;
    await as(monitor).follows.add({ iso3: 'LAO' });
    await as(null).subscriptions.subscribe({ email: 'lao.reader@example.org', iso3: 'LAO', language: 'lo' });
    const confirming = sender();
    await confirming.tick();
    await confirming.stop();
    const confirmLink = new URL(/https:\/\/\S+\/subscriptions\/confirm\?token=\S+/.exec(box.received.at(-1)?.text ?? '')?.[0] ?? 'https://missing.example');
    await as(null).subscriptions.confirm({ token: confirmLink.searchParams.get('token') ?? '' });
    const pledge = await as(monitor).commitments.create({ iso3: 'LAO', recommendationKeys: ['A.4'], text: `${SECRET} pledge text`, sourceUrl: 'https://example.org/pledge', madeOn: '2024-01-01', dueBy: '2024-06-30' });
    await as(reviewer).commitments.review({ id: pledge.id, decision: 'accept', note: 'Recorded.' });
    box.received.length = 0;
    await runChores(suite.handle);
    await runChores(suite.handle);
    const mail = sender();
    await mail.tick();
    await mail.stop();
    const to = (address: string) => box.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
    const [toFollower] = to(monitor.email);
    expect(to(monitor.email)).toHaveLength(1);
    expect(toFollower?.subject).toBe('คำมั่นเลยกำหนด: ลาว');
    expect(toFollower?.text).toContain(`${ORIGIN}/th/states/LAO`);
    const [toSubscriber] = to('lao.reader@example.org');
    expect(to('lao.reader@example.org')).toHaveLength(1);
    expect(toSubscriber?.subject).toContain('ຄຳໝັ້ນສັນຍາເກີນກຳນົດ');
    expect(toSubscriber?.text).toContain(`${ORIGIN}/lo/states/LAO`);
    expect(JSON.stringify(box.received)).not.toContain(SECRET);
  });
});

describe('mail settings', () => {
  it('takes an smtp:// or smtps:// address with a sender, and says what is wrong otherwise', () => {
    expect(readEnv({ TRACKER_SMTP_URL: 'smtp://user:pass@mail.example.org:587', TRACKER_MAIL_FROM: 'Tracker <tracker@example.org>' })).toMatchObject({ TRACKER_SMTP_URL: 'smtp://user:pass@mail.example.org:587' });
    expect(readEnv({ TRACKER_SMTP_URL: 'smtps://mail.example.org', TRACKER_MAIL_FROM: 'tracker@example.org' }).TRACKER_MAIL_FROM).toBe('tracker@example.org');
    expect(readEnv({}).TRACKER_SMTP_URL).toBeUndefined();
    expect(() => readEnv({ TRACKER_SMTP_URL: 'smtp://mail.example.org' })).toThrow(/TRACKER_MAIL_FROM is needed with TRACKER_SMTP_URL/);
    expect(() => readEnv({ TRACKER_SMTP_URL: 'http://mail.example.org', TRACKER_MAIL_FROM: 'a@b.org' })).toThrow(/TRACKER_SMTP_URL must be an smtp:\/\/ or smtps:\/\//);
    expect(() => readEnv({ TRACKER_SMTP_URL: 'smtp://mail.example.org', TRACKER_MAIL_FROM: 'not an address' })).toThrow(/TRACKER_MAIL_FROM must be/);
    expect(() => readEnv({ TRACKER_SMTP_URL: 'smtp://mail.example.org', TRACKER_MAIL_FROM: 'a@b.org\nBcc: everyone@example.org' })).toThrow(/TRACKER_MAIL_FROM must be/);
  });
});
