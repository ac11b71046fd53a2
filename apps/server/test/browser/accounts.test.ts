import { describe, expect, it } from 'vitest';
import { chromiumMissing, screenshot, watchForErrors } from '../support/browser';
import { serverAndBrowser } from '../support/browser-suite';

describe.skipIf(chromiumMissing)(`first run and sign-in in Chromium${chromiumMissing ? ' [SKIPPED: no Chromium]' : ''}`, () => {
  const suite = serverAndBrowser();

  it('creates the first administrator from the printed link, then signs out and in again', async () => {
    const link = /(http:\/\/\S+\/setup#token=[A-Za-z0-9_-]{43})/.exec(suite.server.output())?.[1];
    expect(link, suite.server.output()).toBeDefined();
    const page = await suite.browser.newPage();
    const problems = watchForErrors(page);
    await page.goto(link as string);
    await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();

    await page.getByLabel('Your name').fill('Ana Admin');
    await page.getByLabel('Email').fill('ana@example.org');
    await page.getByLabel('New password').fill('too short');
    await page.getByLabel('Repeat the password').fill('too short');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByText('Use a password of at least 12 characters.').waitFor();
    await screenshot(page, 'setup-error-desktop');

    await page.getByLabel('New password').fill('a long and memorable passphrase');
    await page.getByLabel('Repeat the password').fill('a long and memorable passphrase');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByRole('link', { name: 'Ana Admin' }).waitFor();
    // Home, in the language the address carries.
    expect(new URL(page.url()).pathname).toMatch(/^\/en\/?$/);

    await page.getByRole('link', { name: 'Ana Admin' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(await page.getByText('Administrator').count()).toBeGreaterThan(0);
    await screenshot(page, 'account-desktop');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill('ana@example.org');
    await page.getByLabel('Password').fill('the wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is not right.').waitFor();
    await page.getByLabel('Password').fill('a long and memorable passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Ana Admin' }).waitFor();
    // The failed sign-in answers 401, which the browser reports as a failed resource: expected here.
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);
    await page.close();
  });

  it('says plainly when the setup link is missing', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${suite.server.url}/setup`);
    await page.getByRole('alert').filter({ hasText: 'one-time link' }).waitFor();
    await screenshot(page, 'setup-missing-phone');
    await page.goto(`${suite.server.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in-phone');
    await page.close();
  });
});
