import { errorCodes, evidenceCreateInput } from '@tracker/domain';
import { createInstance, type i18n as I18n } from 'i18next';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsFrom, localised, serverIssues } from '../src/components/Form';
import { errorText } from '../src/error-text';
import { languages } from '../src/languages';

const texts = (tag: string) => JSON.parse(readFileSync(new URL(`../src/locales/${tag}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** i18next as the dashboard starts it, in `tag`, with English as the fallback. */
async function started(tag: string): Promise<I18n> {
  const instance = createInstance();
  await instance.init({ lng: tag, fallbackLng: 'en', resources: { en: { translation: texts('en') }, [tag]: { translation: texts(tag) } }, interpolation: { escapeValue: false } });
  return instance;
}

/** An error as the tRPC client raises it: the server's English message and its code. */
const serverError = (code: string, message: string) => Object.assign(new Error(message), { data: { code, issues: [] } });

describe('server errors in the reader’s language', () => {
  let thai: I18n;
  let english: I18n;
  beforeAll(async () => {
    thai = await started('th');
    english = await started('en');
  });

  it('are shown as the server said them in English', () => {
    expect(errorText(serverError('FORBIDDEN', 'Only reviewers review.'), english)).toBe('Only reviewers review.');
  });

  it('open with a sentence in the reader’s language for the error’s kind, then the server’s detail', () => {
    expect(errorText(serverError('FORBIDDEN', 'Only reviewers review.'), thai)).toBe('บทบาทของคุณไม่อนุญาต (Only reviewers review.)');
    expect(errorText(new TypeError('Failed to fetch'), thai)).toBe('ติดต่อเซิร์ฟเวอร์ไม่ได้ (Failed to fetch)');
  });

  it('have a sentence for every code the server sends, in every language', async () => {
    for (const language of languages) {
      const i18n = await started(language.tag);
      for (const code of errorCodes) expect(i18n.exists(`serverError.${code}`, { fallbackLng: [] }), `${language.tag}: ${code}`).toBe(true);
    }
  });
});

describe('form errors', () => {
  let thai: I18n;
  beforeAll(async () => {
    thai = await started('th');
  });
  const issuesOf = (input: unknown) => {
    const parsed = evidenceCreateInput.safeParse(input);
    if (parsed.success) throw new Error('expected the input to be refused');
    return parsed.error.issues;
  };

  it('land under their fields, the first message per field', () => {
    expect(errorsFrom([{ path: ['title'], message: 'first' }, { path: ['title'], message: 'second' }, { path: 'evidenceIds.2', message: 'gone' }])).toEqual({ title: 'first', 'evidenceIds.2': 'gone' });
    expect(errorsFrom(null)).toEqual({});
  });

  it('from the server come from its field issues, and an error without any is not a field error', () => {
    expect(serverIssues({ data: { issues: [{ path: 'iso3', message: 'Unknown State.' }] } })).toEqual([{ path: 'iso3', message: 'Unknown State.' }]);
    expect(serverIssues({ data: { issues: [] } })).toBeNull();
    expect(serverIssues(new Error('offline'))).toBeNull();
  });

  it('are said in the reader’s language from the check’s kind and bounds', () => {
    const issues = issuesOf({ iso3: 'KHM', recommendationKeys: [], title: 'ab', summary: 'x'.repeat(6000) });
    const errors = errorsFrom(issues.map((issue) => localised(issue, thai.t, false)));
    expect(errors['title']).toBe('อย่างน้อย 3 ตัวอักษร');
    expect(errors['summary']).toBe('ไม่เกิน 5000 ตัวอักษร');
    expect(errors['recommendationKeys']).toBe('เลือกอย่างน้อย 1 รายการ');
  });

  it('keep the schema’s own guidance in English, and in other languages when there is no better', () => {
    const [issue] = issuesOf({ iso3: 'Cambodia' }).filter((i) => i.path[0] === 'iso3');
    if (!issue) throw new Error('expected an iso3 issue');
    expect(localised(issue, thai.t, true).message).toBe(issue.message);
    expect(localised(issue, thai.t, false).message).toContain(issue.message);
  });

  it('never show the validation library’s own wording, in English or any language', async () => {
    const issues = issuesOf({ iso3: 'KHM', recommendationKeys: ['A.1'], kind: 'rumour', direction: 'sideways', title: 'A title', summary: 'A summary', reliability: 'Z', publishedOn: 'yesterday', sourceUrl: 'javascript:alert(1)' });
    expect(issues.length).toBeGreaterThanOrEqual(4);
    for (const language of languages) {
      const { t } = await started(language.tag);
      for (const issue of issues) {
        const { message } = localised(issue, t, language.tag === 'en');
        expect(message, `${language.tag} ${issue.path.join('.')}: ${message}`).not.toMatch(/expected|Invalid (input|option)|received|"\||^Too (small|big)/);
        expect(message.length).toBeGreaterThan(1);
      }
    }
    const { t: inEnglish } = await started('en');
    const english = errorsFrom(issues.map((issue) => localised(issue, inEnglish, true)));
    expect(english['kind']).toBe('Choose one of the options.');
    // The schema's own sentence stays as it is.
    expect(english['sourceUrl']).toBe('Use a full http:// or https:// address.');
  });
});
