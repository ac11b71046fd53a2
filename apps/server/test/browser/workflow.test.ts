import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { chromiumMissing, cutOffTables, fillSignIn, screenshot, signIn, watchForErrors } from '../support/browser';
import { createAccounts, serverAndBrowser } from '../support/browser-suite';

const PASSWORD = 'a long and memorable passphrase';
// A 2×2 PNG and the smallest PDF a viewer opens: files a reviewer sees in place.
const PNG_2X2 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';
const MINIMAL_PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const TITLE = 'Court convicts recruiters who trafficked workers into a Sihanoukville compound';

/**
 * The whole loop in a real browser: a monitor logs evidence with an attachment, a reviewer verifies
 * it, it appears publicly, and the scorecard moves once an assessment resting on it is approved.
 */
describe.skipIf(chromiumMissing)(`the monitoring loop in Chromium${chromiumMissing ? ' [SKIPPED: no Chromium]' : ''}`, () => {
  const suite = serverAndBrowser();
  const contexts = new Map<string, BrowserContext>();

  /** One browser profile per person (so local drafts persist between their pages); the public gets a fresh one each time. */
  async function signedIn(email: string | null): Promise<Page> {
    const known = email ? contexts.get(email) : undefined;
    if (known) return known.newPage();
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.set(email ?? `public-${contexts.size}`, context);
    const page = await context.newPage();
    if (email) {
      await signIn(page, suite.server.url, email, PASSWORD);
    }
    return page;
  }

  beforeAll(async () => {
    await createAccounts(suite.server, PASSWORD, [['monitor@example.org', 'monitor', 'Mona Monitor'], ['reviewer@example.org', 'reviewer', 'Rey Reviewer'], ['second.reviewer@example.org', 'reviewer', 'Sam Second']]);
  });
  afterAll(async () => {
    for (const c of contexts.values()) await c.close();
  });

  it('shows a clear message for bad input, and the draft survives a reload', async () => {
    const page = await signedIn('monitor@example.org');
    const problems = watchForErrors(page);
    await page.goto(`${suite.server.url}/workspace/evidence/new`);
    await page.getByRole('heading', { name: 'Log evidence' }).waitFor();
    await page.getByLabel('State', { exact: true }).selectOption('KHM');
    await page.getByLabel('Title').fill('No');
    await page.getByLabel('Source address (http or https)').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('The title needs at least 3 characters.').waitFor();
    await page.getByText('Use a full http:// or https:// address.').waitFor();
    await page.getByText('Link at least one recommendation.').waitFor();
    await screenshot(page, 'evidence-form-errors-desktop');

    await page.getByLabel('Title').fill(TITLE);
    await page.reload();
    await page.getByText(/Your unsaved changes from .* were restored/).waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe(TITLE);
    await expect.poll(() => page.getByLabel('State', { exact: true }).inputValue()).toBe('KHM');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a monitor logs evidence with an attachment and submits it', async () => {
    const page = await signedIn('monitor@example.org');
    await page.goto(`${suite.server.url}/workspace/evidence/new`);
    await page.getByText(/were restored/).waitFor();
    await page.getByLabel('A.6 Train law enforcement in rights-based investigation').check();
    await page.getByLabel('Summary, in your own words').fill('The provincial court convicted three recruiters; the judgment describes victims as trafficked persons, not offenders.');
    await page.getByLabel('Kind').selectOption('court_decision');
    await page.getByLabel('Direction').selectOption('progress');
    await page.getByLabel('Source address (http or https)').fill('https://example.org/judgment-2025-114');
    await page.getByLabel('Publisher').fill('Provincial Court');
    await page.getByLabel('Published on').fill('2025-02-10');
    await page.getByLabel('Source reliability').selectOption('B');
    await page.getByLabel('Information credibility').selectOption('2');
    // A file chosen before the item exists goes up once the draft is saved; a second can be taken off again.
    const file = join(suite.dataDir, 'judgment.txt');
    writeFileSync(file, 'Judgment 2025/114: the court finds the three defendants guilty of trafficking in persons.');
    const stray = join(suite.dataDir, 'unrelated-notes.txt');
    writeFileSync(stray, 'Not for this item.');
    await page.getByLabel('Attach files').setInputFiles([file, stray]);
    await page.getByRole('button', { name: 'Remove unrelated-notes.txt' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('heading', { name: 'Edit evidence' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Draft saved with 1 file. Only you see it until you send it for review.' }).waitFor();
    await page.getByText(/SHA-256 [0-9a-f]{64}/).first().waitFor();
    expect(await page.locator('ul.files li').filter({ hasText: 'judgment.txt' }).count()).toBe(1);
    expect(await page.getByText('unrelated-notes.txt').count()).toBe(0);
    // A photograph and a scanned page: what a reviewer sees in place.
    const photo = join(suite.dataDir, 'compound-gate.png');
    writeFileSync(photo, Buffer.from(PNG_2X2, 'base64'));
    const scan = join(suite.dataDir, 'judgment-scan.pdf');
    writeFileSync(scan, MINIMAL_PDF);
    await page.getByLabel('Attach files').setInputFiles([photo, scan]);
    await page.getByText('judgment-scan.pdf').first().waitFor();
    await page.getByText('compound-gate.png').first().waitFor();
    await page.getByText(/SHA-256 [0-9a-f]{64}/).first().waitFor();
    await screenshot(page, 'evidence-form-desktop');

    await page.getByRole('button', { name: 'Save and submit for review' }).click();
    await page.getByText('Submitted. A reviewer other than you will verify or return it.').waitFor();
    await page.getByRole('heading', { name: 'Awaiting review' }).waitFor();
    await page.getByRole('link', { name: TITLE }).waitFor();
    await screenshot(page, 'workspace-desktop');
    await page.close();
  });

  it('a reviewer verifies it, and it appears publicly', async () => {
    const page = await signedIn('reviewer@example.org');
    await page.goto(`${suite.server.url}/review`);
    const item = page.getByRole('listitem').filter({ hasText: TITLE });
    // What the decision rests on is on the card: source, grades, author, the personal-data flag, the files.
    await item.getByRole('link', { name: 'Provincial Court' }).waitFor();
    expect(await item.getByRole('link', { name: 'Provincial Court' }).getAttribute('href')).toBe('https://example.org/judgment-2025-114');
    await item.getByText(/B2 — /).waitFor();
    await item.getByText('Mona Monitor').waitFor();
    await item.getByText('None flagged').waitFor();
    const preview = item.getByRole('img', { name: 'Preview of compound-gate.png' });
    await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    const scan = item.locator('iframe[title="Preview of judgment-scan.pdf"]');
    const scanUrl = `${suite.server.url}${(await scan.getAttribute('src')) ?? ''}`;
    const shown = await page.request.get(scanUrl);
    expect(shown.status()).toBe(200);
    expect(shown.headers()['content-disposition']).toMatch(/^inline;/);
    expect(shown.headers()['x-frame-options']).toBe('SAMEORIGIN');
    // The plain-text file is only ever a download, sandboxed.
    expect(await item.locator('iframe[title="Preview of judgment.txt"]').count()).toBe(0);
    // The note is marked required before anyone clicks; without it nothing is decided.
    await item.getByText('Note for the author (required)').waitFor();
    await item.getByRole('button', { name: 'Verify' }).click();
    await item.getByText('Write a short note: it stays on the record.').waitFor();
    await item.getByLabel('Note for the author').fill('Judgment checked against the court registry.');
    await screenshot(page, 'review-desktop');
    await item.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('No evidence is waiting for review.').waitFor();
    // What happened is said, in a status region, with a link to where the item went.
    const said = page.getByRole('status').filter({ hasText: `Verified: “${TITLE}” now counts as evidence and has left the queue.` });
    await said.waitFor();
    await said.getByRole('link', { name: 'Open it' }).waitFor();
    await page.close();

    // The monitor hears of it: an unread notice in the header, the inbox links to the item.
    const monitor = await signedIn('monitor@example.org');
    await monitor.goto(`${suite.server.url}/workspace`);
    const inbox = monitor.getByRole('link', { name: 'Inbox 1 unread' });
    await inbox.waitFor();
    await inbox.click();
    await monitor.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await screenshot(monitor, 'inbox-desktop');
    await monitor.getByRole('link', { name: 'Your evidence was verified' }).click();
    await monitor.getByRole('heading', { name: TITLE }).waitFor();
    // Opening it read it: the header no longer counts it, and the inbox says so.
    await monitor.locator('header').getByRole('link', { name: 'Inbox', exact: true }).waitFor();
    await monitor.goto(`${suite.server.url}/inbox`);
    await monitor.getByRole('link', { name: 'Your evidence was verified' }).waitFor();
    expect(await monitor.locator('.notice-item.unread').count()).toBe(0);
    // Which notices come by mail, and in which language, is the person's choice, kept across visits.
    await monitor.goto(`${suite.server.url}/account`);
    await monitor.getByRole('checkbox', { name: 'A daily list of what awaits my review' }).uncheck();
    await monitor.getByLabel('Language of mail').selectOption('km');
    await monitor.getByRole('button', { name: 'Save notice settings' }).click();
    await monitor.getByText('Saved.').waitFor();
    await monitor.reload();
    await monitor.getByRole('button', { name: 'Save notice settings' }).waitFor();
    expect(await monitor.getByRole('checkbox', { name: 'A daily list of what awaits my review' }).isChecked()).toBe(false);
    expect(await monitor.getByRole('checkbox', { name: 'Decisions on my evidence, changes and assessments' }).isChecked()).toBe(true);
    expect(await monitor.getByLabel('Language of mail').inputValue()).toBe('km');
    await monitor.close();

    const visitor = await signedIn(null);
    await visitor.goto(`${suite.server.url}/evidence?q=Sihanoukville`);
    await visitor.getByRole('link', { name: TITLE }).click();
    await visitor.getByRole('heading', { name: TITLE }).waitFor();
    await visitor.getByText('judgment.txt').waitFor();
    await screenshot(visitor, 'evidence-page-desktop');
    await visitor.close();
  });

  it('the scorecard moves once an assessment resting on it is approved, and the as-of control goes back', async () => {
    const monitor = await signedIn('monitor@example.org');
    await monitor.goto(`${suite.server.url}/workspace/assess`);
    await monitor.getByLabel('State', { exact: true }).selectOption('KHM');
    await monitor.getByLabel('Recommendation').selectOption('A.6');
    await monitor.getByLabel(TITLE).check();
    // Each status on the ladder is explained beside its choice.
    const ladder = monitor.getByRole('group', { name: 'Status (verified reality)' });
    expect(await ladder.getByRole('radio').count()).toBe(7);
    const implementing = ladder.getByRole('radio', { name: /^Implementing/ });
    expect(await implementing.getAttribute('aria-describedby')).toBeTruthy();
    await ladder.getByText('Resources, operations or training are under way.').waitFor();
    await implementing.check();
    await monitor.getByLabel('Effective from').fill('2025-03-01');
    await monitor.getByLabel('Rationale').fill('Courts now treat victims of forced criminality as trafficked persons.');
    await monitor.getByRole('button', { name: 'Propose' }).click();
    await monitor.getByText(/Proposed\. It counts once another reviewer approves it\./).waitFor();
    await monitor.close();

    const visitor = await signedIn(null);
    await visitor.goto(`${suite.server.url}/states/KHM`);
    await visitor.getByText('Covers 0 of 7 recommendations.').waitFor();

    const reviewer = await signedIn('reviewer@example.org');
    await reviewer.goto(`${suite.server.url}/review`);
    const proposal = reviewer.getByRole('listitem').filter({ hasText: 'Courts now treat victims' });
    // The evidence it rests on, as links with their grades, and what it would replace.
    await proposal.getByRole('link', { name: TITLE }).waitFor();
    await proposal.getByText(/graded B2/).waitFor();
    await proposal.getByText('Nothing: this is the first assessment of this recommendation for this State.').waitFor();
    await screenshot(reviewer, 'review-assessment-desktop');
    await proposal.getByLabel('Note for the author').fill('Agreed: the judgment supports it.');
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await reviewer.getByText('No assessment is waiting for approval.').waitFor();
    await reviewer.getByRole('status').filter({ hasText: 'Approved: the assessment of KHM on A.6 now counts in the scorecard.' }).waitFor();
    await reviewer.close();

    await visitor.reload();
    await visitor.getByText('Covers 1 of 7 recommendations.').waitFor();
    expect(await visitor.locator('.big-number').innerText()).toBe('75');
    await screenshot(visitor, 'state-after-approval-desktop');

    await visitor.goto(`${suite.server.url}/?asOf=2025-02-28`);
    await visitor.getByText(/No assessment had been approved by Feb 28, 2025/).waitFor();
    await visitor.goto(`${suite.server.url}/`);
    await visitor.getByRole('table', { name: /Status of each State/ }).getByText('Implementing').waitFor();
    await visitor.getByLabel('As of').fill('2025-02-28');
    await visitor.getByText(/No assessment had been approved by/).waitFor();
    expect(new URL(visitor.url()).searchParams.get('asOf')).toBe('2025-02-28');
    await visitor.close();
  });

  it('a change to verified evidence is proposed, shown field by field, and decided by another reviewer', async () => {
    const AMENDED = `${TITLE}, upheld on appeal`;
    const visitor = await signedIn(null);
    await visitor.goto(`${suite.server.url}/evidence?q=Sihanoukville`);
    const href = (await visitor.getByRole('link', { name: TITLE }).getAttribute('href')) ?? '';
    const id = href.split('/').pop() ?? '';

    const reviewer = await signedIn('reviewer@example.org');
    await reviewer.goto(`${suite.server.url}/workspace/evidence/${id}`);
    await reviewer.getByText(/Your change is proposed/).waitFor();
    await reviewer.getByLabel('Title').fill(AMENDED);
    await reviewer.getByRole('button', { name: 'Propose the change' }).click();
    await reviewer.getByText(/Proposed\. Another person will verify or reject the change/).waitFor();
    await reviewer.goto(`${suite.server.url}/review`);
    await reviewer.getByRole('listitem').filter({ hasText: TITLE }).getByText('You proposed this change: another reviewer must decide on it.').waitFor();
    await reviewer.close();

    // Until a second person verifies it, the public still reads the published title.
    await visitor.reload();
    await visitor.getByRole('link', { name: TITLE, exact: true }).waitFor();

    const second = await signedIn('second.reviewer@example.org');
    await second.goto(`${suite.server.url}/review`);
    const item = second.getByRole('listitem').filter({ hasText: TITLE });
    await item.getByText(/Change proposed on/).waitFor();
    expect(await item.locator('ins').innerText()).toBe(AMENDED);
    await screenshot(second, 'review-proposed-change-desktop');
    // The decision can be made on the item's own page too, with the same diff in front of it.
    await item.getByRole('link', { name: TITLE }).click();
    const decide = second.getByRole('region', { name: 'Your decision' });
    await decide.getByText(/Change proposed on/).waitFor();
    expect(await decide.locator('ins').innerText()).toBe(AMENDED);
    expect(await decide.locator('del').innerText()).toBe(TITLE);
    await decide.getByLabel('Note for the author').fill('The appeal judgment confirms it.');
    await decide.getByRole('button', { name: 'Verify the change' }).click();
    const said = second.getByRole('status').filter({ hasText: `Change verified: “${TITLE}” now reads as proposed.` });
    await said.waitFor();
    await said.getByRole('link', { name: 'Back to the review queue' }).click();
    await second.getByText('No evidence is waiting for review.').waitFor();
    await second.close();

    await visitor.reload();
    await visitor.getByRole('link', { name: AMENDED }).waitFor();
    await visitor.close();
  });

  const pages = ['/', '/states/KHM', '/recommendations/A.6', '/compare?states=KHM,THA', '/evidence', '/methodology', '/data', '/data/api', '/sign-in'];
  const staffPages: [string, string][] = [
    ['monitor@example.org', '/workspace'],
    ['monitor@example.org', '/workspace/evidence/new'],
    ['monitor@example.org', '/workspace/assess'],
    ['reviewer@example.org', '/review'],
    ['admin@example.org', '/admin'],
    ['admin@example.org', '/admin/audit'],
    ['admin@example.org', '/admin/access'],
    ['admin@example.org', '/admin/translations'],
    ['monitor@example.org', '/inbox'],
    ['admin@example.org', '/account'],
  ];

  it('every page passes an axe-core scan with no serious or critical violations, in English and Thai, on desktop and phone, with no table cut off on a phone', async () => {
    const failures: string[] = [];
    for (const language of ['en', 'th']) {
      for (const [email, path] of [...pages.map((p) => [null, p] as const), ...staffPages]) {
        const page = await signedIn(email);
        const problems = watchForErrors(page);
        for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]] as const) {
          await page.setViewportSize(viewport);
          await page.goto(`${suite.server.url}/${language}${path}`);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          for (const v of await seriousViolations(page)) failures.push(`${language}${path} (${label}): ${v}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (label === 'phone' && overflow > 0) failures.push(`${language}${path} (phone): page is ${overflow}px wider than the screen`);
          if (label === 'phone') for (const cut of await cutOffTables(page)) failures.push(`${language}${path} (phone): ${cut}`);
          await screenshot(page, `page-${language}${path.replaceAll('/', '-') || '-home'}-${label}`);
        }
        for (const p of problems) failures.push(`${language}${path}: ${p}`);
        await page.close();
      }
    }
    expect(failures).toEqual([]);
    // Every page in two languages at two widths: the slowest test of the suite.
  }, 300_000);

  it('lands each role where its work is after signing in', async () => {
    for (const [email, landing] of [
      ['reviewer@example.org', '/en/review'],
      ['monitor@example.org', '/en/workspace'],
      ['admin@example.org', '/en/admin'],
    ] as const) {
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/sign-in`);
      await fillSignIn(page, email, PASSWORD);
      await page.waitForURL((url) => url.pathname === landing);
      await context.close();
    }
    // A page that sent the person to sign in gets them back instead.
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/account`);
    await fillSignIn(page, 'monitor@example.org', PASSWORD);
    await page.waitForURL((url) => url.pathname === '/en/account');
    await context.close();
  });

  it('asks before changing a role or deactivating an account, says what happened, and keeps each password link with its account', async () => {
    const page = await signedIn('admin@example.org');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // In English whatever this profile chose before (the page scan switched it to Thai).
    await page.goto(`${suite.server.url}/en/admin`);
    await page.getByLabel('Your name').fill('Tess Temporary');
    await page.getByLabel('Email').fill('tess@example.org');
    await page.getByLabel('Role', { exact: true }).selectOption('monitor');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.getByText(/^One-time password link for Tess Temporary \(tess@example\.org\)\. It works once, until /).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'tess@example.org' });
    await row.waitFor();

    // A role change is asked first; cancelling changes nothing.
    const role = row.getByLabel('Role of Tess Temporary');
    await role.selectOption('reviewer');
    const ask = row.getByRole('alertdialog');
    await ask.getByText('Change the role of Tess Temporary from Monitor to Reviewer? What they may do changes at once.').waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await role.inputValue()).toBe('monitor');
    await page.reload();
    expect(await page.getByRole('row').filter({ hasText: 'tess@example.org' }).getByLabel('Role of Tess Temporary').inputValue()).toBe('monitor');
    await role.selectOption('reviewer');
    await row.getByRole('alertdialog').getByRole('button', { name: 'Change role' }).click();
    await row.getByRole('status').filter({ hasText: 'Tess Temporary is now: Reviewer.' }).waitFor();
    await page.reload();
    expect(await role.inputValue()).toBe('reviewer');

    // So is a deactivation.
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByRole('alertdialog').getByText('Deactivate Tess Temporary? They are signed out at once and can no longer sign in. You can reactivate the account later.').waitFor();
    await screenshot(page, 'admin-confirm-desktop');
    await row.getByRole('button', { name: 'Deactivate the account' }).click();
    await row.getByRole('status').filter({ hasText: 'Tess Temporary was deactivated and signed out.' }).waitFor();
    await row.getByText('Deactivated', { exact: true }).waitFor();

    // Password links: each stays beside its own account, names it, and copies.
    const mona = page.getByRole('row').filter({ hasText: 'monitor@example.org' });
    await row.getByRole('button', { name: 'Password link' }).click();
    await mona.getByRole('button', { name: 'Password link' }).click();
    await row.getByText(/^One-time password link for Tess Temporary/).waitFor();
    await mona.getByText(/^One-time password link for Mona Monitor \(monitor@example\.org\)/).waitFor();
    await mona.getByRole('button', { name: 'Copy the link' }).click();
    await mona.getByText('Copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await mona.locator('code.secret').innerText());
    expect(copied).not.toBe(await row.locator('code.secret').innerText());
    await page.close();
  });

  it('a password link names the account and until when it works, sets the password and signs the person in', async () => {
    const admin = await signedIn('admin@example.org');
    await admin.goto(`${suite.server.url}/en/admin`);
    await admin.getByLabel('Your name').fill('Pat Policymaker');
    await admin.getByLabel('Email').fill('pat@example.org');
    await admin.getByLabel('Role', { exact: true }).selectOption('policymaker');
    await admin.getByRole('button', { name: 'Create the account' }).click();
    const link = await admin.getByRole('status').filter({ hasText: /^One-time password link for Pat Policymaker/ }).locator('code.secret').innerText();
    await admin.close();

    // Pat opens the link in a browser of their own.
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText(/^This link sets the password of Pat Policymaker \(pat@example\.org\)\. It works until /).waitFor();
    await page.getByLabel('New password').fill('pat chooses a long password');
    await page.getByLabel('Repeat the password').fill('pat chooses a long password');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is set and you are signed in as Pat Policymaker.' }).waitFor();
    await page.getByRole('link', { name: 'Continue to your work' }).click();
    await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/en' || url.pathname === '/en/');
    await page.getByRole('link', { name: 'Sign in' }).waitFor({ state: 'detached' });

    // The link is used up: opened again, it says so and names nobody.
    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: 'This link has expired or was already used.' }).waitFor();
    expect(await page.getByText(/This link sets the password/).count()).toBe(0);
    expect(await page.getByLabel('New password').count()).toBe(0);
    await context.close();
  });

  it('a signed-in person follows a State and stops from their account; the public are offered mail instead, said plainly when the tracker sends none', async () => {
    const page = await signedIn('monitor@example.org');
    await page.goto(`${suite.server.url}/en/states/KHM`);
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'You follow Cambodia.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Following', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${suite.server.url}/en/recommendations/A.6`);
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Following', exact: true }).waitFor();
    await page.goto(`${suite.server.url}/en/account`);
    const following = page.getByRole('region', { name: 'What you follow' });
    await following.getByRole('link', { name: 'Cambodia' }).waitFor();
    await following.getByRole('link', { name: 'A.6' }).waitFor();
    await following.getByRole('button', { name: 'Stop following Cambodia' }).click();
    await following.getByRole('button', { name: 'Stop following A.6' }).click();
    await following.getByText('You follow nothing yet.').waitFor();
    await page.goto(`${suite.server.url}/en/states/KHM`);
    await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    await page.close();

    const visitor = await signedIn(null);
    await visitor.goto(`${suite.server.url}/en/states/KHM`);
    await visitor.getByRole('link', { name: 'Get e-mail updates' }).click();
    await visitor.getByRole('heading', { name: 'Updates by e-mail' }).waitFor();
    await expect.poll(() => visitor.getByLabel('About').inputValue()).toBe('KHM');
    await visitor.getByText('What is kept, and who reads it').waitFor();
    await visitor.getByLabel('Email').fill('not-an-address');
    await visitor.getByRole('button', { name: 'Send me a confirmation link' }).click();
    await visitor.getByText('Use a valid email address.').waitFor();
    await visitor.getByLabel('Email').fill('reader@example.org');
    await visitor.getByRole('button', { name: 'Send me a confirmation link' }).click();
    await visitor.getByRole('alert').filter({ hasText: 'This tracker does not send mail' }).waitFor();
    // A link that was altered is refused in words; a page opened without its link says what it needs.
    await visitor.goto(`${suite.server.url}/en/subscriptions/unsubscribe?token=00000000-0000-4000-8000-000000000000.${'a'.repeat(43)}`);
    await visitor.getByRole('button', { name: 'Stop these mails' }).click();
    await visitor.getByRole('alert').filter({ hasText: 'This link has expired or the subscription was ended.' }).waitFor();
    await visitor.goto(`${suite.server.url}/en/subscriptions/confirm`);
    await visitor.getByRole('alert').filter({ hasText: 'This page needs the link from your mail.' }).waitFor();
    await visitor.close();
  });

  it('the audit log says who did what, in words, links the records, and filters by account, action, record and day', async () => {
    const page = await signedIn('admin@example.org');
    await page.goto(`${suite.server.url}/en/admin/audit`);
    const table = page.getByRole('table');
    // The monitor's submission of the judgment, by name, in words, linked to the item.
    const submitted = table.getByRole('row').filter({ hasText: 'Sent evidence for review' }).filter({ hasText: 'Mona Monitor' }).first();
    await submitted.waitFor();
    const record = submitted.getByRole('link');
    const id = (await record.innerText()).trim();
    expect(await record.getAttribute('href')).toBe(`/en/evidence/${id}`);

    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Account').selectOption({ label: 'Rey Reviewer (reviewer@example.org)' });
    await filters.getByLabel('Action').selectOption({ label: 'Verified evidence' });
    await filters.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('evidence.verify');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await table.getByRole('row').filter({ hasText: 'Rey Reviewer' }).filter({ hasText: 'Verified evidence' }).waitFor();
    await screenshot(page, 'audit-filtered-desktop');

    // The record filter finds the item's whole story; days the wrong way round are refused in words.
    await filters.getByRole('button', { name: 'Clear the filters' }).click();
    await expect.poll(() => page.getByLabel('Action').inputValue()).toBe('');
    expect(await page.getByLabel('Account').inputValue()).toBe('');
    await filters.getByLabel('Record').fill(id);
    await filters.getByRole('button', { name: 'Filter', exact: true }).click();
    // Wait for the filtered answer, not the table still shown from before.
    await expect.poll(() => new URL(page.url()).searchParams.get('entityId')).toBe(id);
    await expect.poll(() => table.getByRole('row').filter({ hasNotText: id }).count()).toBe(1); // the header row
    await table.getByRole('row').filter({ hasText: 'Logged evidence' }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Mona Monitor' }).count()).toBeGreaterThanOrEqual(2);
    await filters.getByLabel('From').fill('2030-01-02');
    await filters.getByLabel('To').fill('2030-01-01');
    await filters.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('alert').first().waitFor();

    // The filters live in the address: a shared link opens the same view. What the tracker did itself has no account.
    await page.goto(`${suite.server.url}/en/admin/audit?action=catalogue.seed`);
    await table.getByRole('row').filter({ hasText: 'Loaded the catalogue' }).filter({ hasText: 'The tracker itself' }).first().waitFor();
    expect(await page.getByLabel('Action').inputValue()).toBe('catalogue.seed');
    await page.close();
  });

  it('documents the REST API from its OpenAPI document, reachable from the open data page', async () => {
    const page = await signedIn(null);
    await page.goto(`${suite.server.url}/data`);
    await page.getByRole('link', { name: 'API reference' }).click();
    await page.getByRole('heading', { name: 'REST API reference' }).waitFor();
    const evidence = page.getByRole('region', { name: 'Parameters of /evidence' });
    await evidence.getByRole('cell', { name: 'limit', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'GET /scorecards/states/{iso3}' }).waitFor();
    expect(await page.getByText(`curl ${suite.server.url}/api/v1/scorecards/changes?since=2025-01-01`).count()).toBe(1);
    await screenshot(page, 'api-reference');

    // In Thai the descriptions are Thai, and nothing is left marked as English.
    await page.goto(`${suite.server.url}/th/data/api`);
    await page.getByRole('heading', { level: 2, name: 'หลักฐาน' }).waitFor();
    await page.getByText('หลักฐานสาธารณะที่ผ่านการตรวจสอบ', { exact: true }).waitFor();
    expect(await page.locator('main [lang="en"]').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('Verified public evidence');
    await page.close();
  });

  it('prints a clean country brief: no navigation or controls, with its date', async () => {
    const page = await signedIn(null);
    await page.goto(`${suite.server.url}/states/KHM`);
    await page.getByText('Covers 1 of 7 recommendations.').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print country brief' }).isVisible()).toBe(false);
    expect(await page.getByText(/^Country brief as of /).isVisible()).toBe(true);
    await page.pdf({ path: join(suite.dataDir, 'brief.pdf') }).catch(() => undefined);
    await screenshot(page, 'state-print');
    await page.close();
  });
});
