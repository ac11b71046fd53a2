import { describe, expect, it } from 'vitest';
import { iso3Schema, isoDateSchema, recommendationKeySchema } from '../src';

describe('identifiers', () => {
  it('normalises an ISO alpha-3 code to upper case', () => {
    expect(iso3Schema.parse(' khm ')).toBe('KHM');
  });

  it('refuses codes that are not three letters, with a message that shows the expected form', () => {
    const result = iso3Schema.safeParse('KH1');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/three-letter/);
    expect(iso3Schema.safeParse('KHMR').success).toBe(false);
  });

  it('asks for a choice, not a code, when no State was chosen', () => {
    expect(iso3Schema.safeParse('').error?.issues[0]?.message).toBe('Choose a State.');
    expect(iso3Schema.safeParse('   ').error?.issues.map((i) => i.message)).toEqual(['Choose a State.']);
  });

  it('accepts recommendation keys such as A.1 and refuses anything else', () => {
    expect(recommendationKeySchema.parse('a.1')).toBe('A.1');
    expect(recommendationKeySchema.safeParse('A..1').success).toBe(false);
    expect(recommendationKeySchema.safeParse("A.1'; drop table").success).toBe(false);
    expect(recommendationKeySchema.safeParse('A.'.padEnd(40, '1')).success).toBe(false);
  });

  it('accepts calendar dates only as YYYY-MM-DD', () => {
    expect(isoDateSchema.safeParse('2023-08-29').success).toBe(true);
    expect(isoDateSchema.safeParse('29/08/2023').success).toBe(false);
    expect(isoDateSchema.safeParse('2023-02-30').success).toBe(false);
  });
});
