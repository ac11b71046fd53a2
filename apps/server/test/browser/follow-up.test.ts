import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { chromiumMissing, cutOffTables, screenshot, signIn, watchForErrors } from '../support/browser';
import { createAccounts, serverAndBrowser } from '../support/browser-suite';

const PASSWORD = 'a long and memorable passphrase';
const REPLY = 'The Government reports that its national referral mechanism covers every province.';
const ANSWER = 'The mechanism exists on paper; the tracker has found no case referred through it.';
const PLEDGE = 'The State will inspect every licensed operator in its special economic zones.';
const WHAT = 'About forty workers were moved at night from the riverside compound to a new building near the border crossing.';

/**
 * The follow-up loop in a real browser: a State's reply entered and accepted beside the verdict, a
 * commitment falling overdue as the as-of date moves, and information sent from /share becoming
 * verified evidence through triage and the usual review.
 */
describe.skipIf(chromiumMissing)(`replies, commitments and information from outside in Chromium${chromiumMissing ? ' [SKIPPED: no Chromium]' : ''}`, () => {
  const suite = serverAndBrowser();
  const contexts: BrowserContext[] = [];

  async function open(email: string | null, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await suite.browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    if (email) {
      await signIn(page, suite.server.url, email, PASSWORD);
    }
    return page;
  }

  beforeAll(async () => {
    await createAccounts(suite.server, PASSWORD, [['monitor@example.org', 'monitor', 'Mona Monitor'], ['reviewer@example.org', 'reviewer', 'Rey Reviewer']]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('a monitor enters a State’s reply; another person accepts it, and the public read it beside the verdict with the tracker’s answer', async () => {
    const monitor = await open('monitor@example.org');
    const problems = watchForErrors(monitor);
    await monitor.goto(`${suite.server.url}/workspace`);
    await monitor.getByRole('link', { name: 'Replies and commitments' }).click();
    const form = monitor.getByRole('form', { name: 'Enter a reply' });
    await form.getByRole('button', { name: 'Enter the reply' }).click();
    await form.getByText('Use a full http:// or https:// address.').waitFor();
    await form.getByLabel('State', { exact: true }).selectOption('KHM');
    await form.getByLabel('Recommendation').selectOption('A.1');
    await form.getByLabel('Kind of reply').selectOption('official_reply');
    await form.getByLabel('What the State says').fill(REPLY);
    await form.getByLabel('Status the State claims').selectOption('effective');
    await form.getByLabel("Link to the State's communication").fill('https://example.org/note-verbale');
    await form.getByLabel('Date of the communication').fill('2025-04-01');
    await form.getByRole('button', { name: 'Enter the reply' }).click();
    await monitor.getByRole('status').filter({ hasText: 'Entered. It is listed for another reviewer to accept.' }).first().waitFor();
    expect(problems).toEqual([]);
    // Staff do not see it on the public pages either, where it would pass for published.
    await monitor.goto(`${suite.server.url}/states/KHM`);
    await monitor.getByText('The tracker holds no reply from this State yet.').waitFor();
    expect(await monitor.getByText(REPLY).count()).toBe(0);

    // Not public until a second person accepts it.
    const visitor = await open(null);
    await visitor.goto(`${suite.server.url}/states/KHM`);
    await visitor.getByText('The tracker holds no reply from this State yet.').waitFor();

    const reviewer = await open('reviewer@example.org');
    await reviewer.goto(`${suite.server.url}/workspace/follow-up`);
    const entry = reviewer.getByRole('listitem').filter({ hasText: REPLY });
    await entry.getByRole('button', { name: 'Accept and publish' }).click();
    await entry.getByText('Write a note first.').waitFor();
    await entry.getByLabel('Your note').fill(ANSWER);
    await entry.getByRole('button', { name: 'Accept and publish' }).click();
    await reviewer.getByText('No replies await a decision.').waitFor();

    await visitor.reload();
    const replies = visitor.getByRole('region', { name: "The State's replies" });
    await replies.getByText(REPLY).waitFor();
    await replies.getByText(`The tracker's answer: ${ANSWER}`).waitFor();
    await replies.getByText('Effective').waitFor();
    // The verdict's table points to it, beside the status the State claims.
    const pointer = visitor.getByRole('link', { name: 'The State replied on Apr 1, 2025' });
    await pointer.click();
    expect(new URL(visitor.url()).hash).toBe('#reply-KHM-A-1');
    await screenshot(visitor, 'state-reply-desktop');
    await visitor.goto(`${suite.server.url}/recommendations/A.1`);
    await visitor.getByRole('region', { name: "The State's replies" }).getByText(REPLY).waitFor();
  });

  it('a commitment, once accepted, is open, then due soon, then overdue as the as-of date moves', async () => {
    const monitor = await open('monitor@example.org');
    await monitor.goto(`${suite.server.url}/workspace/follow-up`);
    const form = monitor.getByRole('form', { name: 'Enter a commitment' });
    await form.getByLabel('State', { exact: true }).selectOption('KHM');
    await form.getByRole('checkbox', { name: /^A\.2 / }).check();
    await form.getByLabel('What the State committed to').fill(PLEDGE);
    await form.getByLabel("Link to the State's communication").fill('https://example.org/pledge');
    await form.getByLabel('Date the commitment was made').fill('2025-01-15');
    await form.getByLabel('Deadline').fill('2024-12-31');
    await form.getByRole('button', { name: 'Enter the commitment' }).click();
    await form.getByText('The deadline cannot come before the commitment was made.').waitFor();
    await form.getByLabel('Deadline').fill('2025-12-31');
    await form.getByRole('button', { name: 'Enter the commitment' }).click();
    await monitor.getByRole('status').filter({ hasText: 'Entered.' }).first().waitFor();

    const reviewer = await open('reviewer@example.org');
    await reviewer.goto(`${suite.server.url}/workspace/follow-up`);
    const entry = reviewer.getByRole('listitem').filter({ hasText: PLEDGE });
    await entry.getByLabel('Your note').fill('Recorded from the Prime Minister’s speech.');
    await entry.getByRole('button', { name: 'Accept and publish' }).click();
    await reviewer.getByText('No commitments await a decision.').waitFor();

    const visitor = await open(null, { width: 390, height: 844 });
    const stateOn = async (date: string) => {
      await visitor.getByLabel('As of').fill(date);
      return visitor.getByRole('region', { name: 'Commitments' }).getByRole('row').filter({ hasText: PLEDGE });
    };
    await visitor.goto(`${suite.server.url}/states/KHM`);
    await (await stateOn('2025-06-01')).getByText('Open', { exact: true }).waitFor();
    await (await stateOn('2025-11-15')).getByText('Due soon').waitFor();
    await (await stateOn('2026-01-05')).getByText('! Overdue').waitFor();
    expect(new URL(visitor.url()).searchParams.get('asOf')).toBe('2026-01-05');
    await screenshot(visitor, 'state-commitment-overdue-phone');
    // The overview lists what is falling due and overdue across the region, on the same date.
    await visitor.goto(`${suite.server.url}/?asOf=2026-01-05`);
    await visitor.getByRole('region', { name: 'Commitments falling due and overdue' }).getByText(PLEDGE).waitFor();
    await visitor.goto(`${suite.server.url}/?asOf=2025-06-01`);
    await visitor.getByText(/No commitment is falling due or overdue on/).waitFor();
  });

  it('anyone sends information from /share on a phone; staff convert it into a draft that goes through review and is verified', async () => {
    const sender = await open(null, { width: 390, height: 844 });
    const problems = watchForErrors(sender);
    await sender.goto(`${suite.server.url}/share`);
    await sender.getByRole('heading', { name: 'What is kept, and who reads it' }).waitFor();
    await sender.getByText(/Your address on the internet, cookies and details of your browser/).waitFor();
    await sender.getByRole('button', { name: 'Send to the tracker' }).click();
    await sender.getByText('What happened needs at least 20 characters.').waitFor();
    await sender.getByLabel('What happened').fill(WHAT);
    await sender.getByLabel('Where: the country').selectOption('KHM');
    await sender.getByLabel('Where: the place, if you know it').fill('Riverside compound');
    await sender.getByLabel('How we can reach you (optional)').fill('signal: +855 12 000 000');
    const note = join(suite.dataDir, 'what-i-saw.txt');
    writeFileSync(note, 'Notes taken the morning after the move.');
    await sender.getByLabel('Files').setInputFiles(note);
    await sender.getByText('what-i-saw.txt').waitFor();
    await screenshot(sender, 'share-phone');
    await sender.getByRole('button', { name: 'Send to the tracker' }).click();
    await sender.getByText('Thank you. The tracker received what you sent.').waitFor({ timeout: 30_000 });
    expect((await sender.context().cookies()).length).toBe(0);
    expect(problems).toEqual([]);

    const monitor = await open('monitor@example.org');
    await monitor.goto(`${suite.server.url}/workspace/intake`);
    const submission = monitor.getByRole('listitem').filter({ hasText: WHAT });
    await submission.getByText('signal: +855 12 000 000').waitFor();
    // The file is looked at as a download before deciding.
    const [download] = await Promise.all([monitor.waitForEvent('download'), submission.getByRole('button', { name: 'Download what-i-saw.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('what-i-saw.txt');
    await submission.getByRole('checkbox', { name: /^A\.3 / }).check();
    await submission.getByLabel('Reason for your decision').fill('Specific and consistent with partner reports.');
    await submission.getByRole('button', { name: 'Convert into a draft' }).click();
    const said = monitor.getByRole('status').filter({ hasText: 'Converted into a confidential draft you own.' });
    await said.waitFor();
    await monitor.getByText('Nothing new has been sent.').waitFor();
    await said.getByRole('link', { name: 'Open the draft' }).click();
    await monitor.getByRole('heading', { name: 'Edit evidence' }).waitFor();
    await monitor.getByRole('button', { name: 'Save and submit for review' }).click();
    await monitor.getByText('Submitted. A reviewer other than you will verify or return it.').waitFor();

    const reviewer = await open('reviewer@example.org');
    await reviewer.goto(`${suite.server.url}/review`);
    const item = reviewer.getByRole('listitem').filter({ hasText: 'Riverside compound' });
    // The reviewer sees where it came from.
    await item.getByText(/^Sent from outside through the public page, received /).waitFor();
    await item.getByLabel('Note for the author').fill('Confirmed with a partner organisation.');
    await item.getByRole('button', { name: 'Verify' }).click();
    await reviewer.getByText('No evidence is waiting for review.').waitFor();

    // Verified, and confidential: the public never sees it.
    const visitor = await open(null);
    await visitor.goto(`${suite.server.url}/evidence?q=Riverside`);
    await visitor.getByText('Nothing matches these filters. Try fewer filters or other words.').waitFor();
    expect(await visitor.getByText(WHAT).count()).toBe(0);
  });

  it('its pages pass an axe-core scan in English and Thai, on desktop and phone, with nothing cut off on a phone', async () => {
    const failures: string[] = [];
    for (const [email, path] of [
      [null, '/share'],
      [null, '/states/KHM?asOf=2026-01-05'],
      [null, '/recommendations/A.1'],
      ['reviewer@example.org', '/workspace/follow-up'],
      ['reviewer@example.org', '/workspace/intake'],
    ] as const) {
      const page = await open(email);
      const problems = watchForErrors(page);
      for (const language of ['en', 'th']) {
        for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]] as const) {
          await page.setViewportSize(viewport);
          await page.goto(`${suite.server.url}/${language}${path}`);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          for (const v of await seriousViolations(page)) failures.push(`${language}${path} (${label}): ${v}`);
          if (label === 'phone') {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            if (overflow > 0) failures.push(`${language}${path} (phone): page is ${overflow}px wider than the screen`);
            for (const cut of await cutOffTables(page)) failures.push(`${language}${path} (phone): ${cut}`);
          }
        }
      }
      for (const p of problems) failures.push(`${path}: ${p}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
