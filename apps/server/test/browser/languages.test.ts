import { describe, expect, it } from 'vitest';
import { chromiumMissing, screenshot, watchForErrors } from '../support/browser';
import { serverAndBrowser } from '../support/browser-suite';

/** Words each translation must show on the overview, and the font its script needs. */
const cases = [
  { segment: 'th', lang: 'th', script: /[\u0E00-\u0E7F]/, overview: 'ภาพรวม', state: 'บัตรคะแนน', font: 'Noto Sans Thai', month: 'พ.ย.', cambodia: 'กัมพูชา', region: 'เอเชียตะวันออกเฉียงใต้', a5: 'ให้ธุรกิจในเขตเศรษฐกิจพิเศษเคารพสิทธิมนุษยชน' },
  { segment: 'km', lang: 'km', script: /[\u1780-\u17FF]/, overview: 'ទិដ្ឋភាពទូទៅ', state: 'តារាងពិន្ទុ', font: 'Noto Sans Khmer', month: 'វិច្ឆិកា', cambodia: 'កម្ពុជា', region: 'អាស៊ីអាគ្នេយ៍', a5: 'តម្រូវឱ្យអាជីវកម្មក្នុងតំបន់សេដ្ឋកិច្ចពិសេសគោរពសិទ្ធិមនុស្ស' },
  { segment: 'my', lang: 'my', script: /[\u1000-\u109F]/, overview: 'ခြုံငုံသုံးသပ်ချက်', state: 'ရမှတ်ကတ်', font: 'Noto Sans Myanmar', month: 'နိုဝင်ဘာ', cambodia: 'ကမ္ဘောဒီးယား', region: 'အရှေ့တောင်အာရှ', a5: 'အထူးစီးပွားရေးဇုန်ရှိ လုပ်ငန်းများကို လူ့အခွင့်အရေး လေးစားစေရန်' },
] as const;

describe.skipIf(chromiumMissing)(`the interface in the region's languages${chromiumMissing ? ' [SKIPPED: no Chromium]' : ''}`, () => {
  const suite = serverAndBrowser();

  for (const c of cases) {
    it(`renders the overview and a country page in ${c.lang}, with its font, dates and lang attribute`, async () => {
      const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForErrors(page);
      await page.goto(`${suite.server.url}/${c.segment}/?asOf=2026-11-15`);
      await page.getByRole('heading', { level: 1, name: c.overview }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(c.lang);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate((font) => document.fonts.check(`16px "${font}"`), c.font)).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain(c.font);
      // Dates keep the Gregorian year and Latin digits, with the language's month name.
      expect(await page.locator('main').innerText()).toContain(c.month);
      expect(await page.locator('main').innerText()).toContain('2026');
      await screenshot(page, `overview-${c.lang}`);

      await page.goto(`${suite.server.url}/${c.segment}/states/KHM`);
      await page.getByRole('heading', { level: 2, name: c.state }).waitFor();
      // The State and its region named in the language's script (CLDR), with no "EN" mark.
      await page.getByRole('heading', { level: 1, name: c.cambodia, exact: true }).waitFor();
      expect(await page.locator('main').innerText()).toContain(c.region);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `state-${c.lang}`);

      // The recommendations in the language's script too (the tracker's translation, said so), no "EN" marks.
      await page.goto(`${suite.server.url}/${c.segment}/`);
      await page.getByTestId('recommendations').getByText(c.a5).waitFor();
      expect(await page.getByTestId('recommendations').locator('abbr.untranslated').count()).toBe(0);
      await page.goto(`${suite.server.url}/${c.segment}/recommendations/A.5`);
      await page.getByRole('heading', { level: 1, name: c.a5 }).waitFor();
      expect(await page.locator('main abbr.untranslated').count()).toBe(0);
      expect(await page.locator('footer').innerText()).not.toContain('EN');

      // The methodology too: the tracker's translation, in the script, with hardly a Latin letter left.
      await page.goto(`${suite.server.url}/${c.segment}/methodology`);
      const heading = await page.getByRole('heading', { level: 1 }).innerText();
      expect(heading).toMatch(c.script);
      const text = await page.locator('main article').innerText();
      expect((text.match(/[A-Za-z]/g) ?? []).length / text.length).toBeLessThan(0.05);
      expect(await page.title()).toMatch(c.script);

      // The open data page describes its datasets in the language too.
      await page.goto(`${suite.server.url}/${c.segment}/data`);
      const description = await page.locator('section.card').first().locator('p').first().innerText();
      expect(description).toMatch(c.script);
      expect(description).not.toContain('Verified public evidence');

      // And the API reference: every description from the OpenAPI document, none left in English.
      await page.goto(`${suite.server.url}/${c.segment}/data/api`);
      await page.locator('.api-operation').first().waitFor();
      expect(await page.locator('.api-summary').first().innerText()).toMatch(c.script);
      expect(await page.locator('main [lang="en"]').count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('says form mistakes in the interface language', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${suite.server.url}/th/sign-in`);
    await page.getByLabel('อีเมล').fill('not-an-address');
    await page.locator('form button[type="submit"]').click();
    await page.getByText('กรุณากรอกช่องนี้').waitFor();
    // A malformed address is said as a sentence in Thai, never as the schema's English.
    expect(await page.getByText('กรอกอีเมล เช่น name@example.org').count()).toBe(1);
    expect(await page.locator('form').innerText()).not.toContain('Use a valid email address');
    await screenshot(page, 'sign-in-errors-th');
    // The server's answer too: a sentence in Thai, then the server's own detail.
    await page.getByLabel('อีเมล').fill('nobody@example.org');
    await page.getByLabel('รหัสผ่าน').fill('not the right password');
    await page.locator('form button[type="submit"]').click();
    await page.getByText(/^ยังไม่ได้เข้าสู่ระบบ หรือเข้าสู่ระบบไม่สำเร็จ \(/).waitFor();
    await page.close();
  });

  it('follows the browser on a first visit, keeps the language in every address, and switches on any page', async () => {
    const context = await suite.browser.newContext({ locale: 'km-KH', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/states/KHM?asOf=2026-01-01`);
    await page.getByRole('heading', { level: 2, name: 'តារាងពិន្ទុ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/km/states/KHM');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2026-01-01');
    // Links inside the app keep the language.
    await page.getByRole('link', { name: 'ភស្តុតាង', exact: true }).first().click();
    await page.waitForURL('**/km/evidence');

    await page.getByRole('combobox', { name: 'ភាសា' }).selectOption('th');
    await page.waitForURL('**/th/evidence');
    await page.getByRole('heading', { level: 1, name: 'หลักฐาน' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('th');
    // The choice is kept: an address without a language opens in Thai from now on.
    await page.goto(`${suite.server.url}/methodology`);
    await page.waitForURL('**/th/methodology');
    await context.close();
  });
});
