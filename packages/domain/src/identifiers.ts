import { z } from 'zod';

/** ISO 3166-1 alpha-3, upper case. Lower case input is accepted and normalised. */
export const iso3Schema = z
  .string()
  .trim()
  .toUpperCase()
  // Said first of an empty choice: a person picking from a list of States has no code to get right.
  .min(1, { message: 'Choose a State.', abort: true })
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 3166-1 alpha-3 code, for example KHM.');

/** A recommendation key such as `A.1`: letters or digits, dot-separated, at most 16 characters. */
export const recommendationKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(16, 'A recommendation key has at most 16 characters.')
  .regex(/^[A-Z0-9]+(\.[A-Z0-9]+)*$/, 'Use a recommendation key such as A.1.');

/** The recommendations a record concerns: one to twenty keys, each once. */
export const recommendationKeysSchema = z
  .array(recommendationKeySchema)
  .min(1, 'Link at least one recommendation.')
  .max(20, 'Link at most 20 recommendations.')
  .transform((keys) => [...new Set(keys)]);

export const uuidSchema = z.uuid('Use the id exactly as the tracker gave it.');

/** The years a date may fall in: anything else is a typing mistake or an attack on the date arithmetic. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A calendar date as `YYYY-MM-DD`, between 1900-01-01 and 2100-12-31. */
export const isoDateSchema = z.iso
  .date('Use a date written as YYYY-MM-DD.')
  .refine((d) => {
    const year = Number(d.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, `Use a date between ${MIN_YEAR} and ${MAX_YEAR}.`);
