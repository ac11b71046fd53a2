import { z } from 'zod';

/** ISO 3166-1 alpha-3, upper case. Lower case input is accepted and normalised. */
export const iso3Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 3166-1 alpha-3 code, for example KHM.');

/** A recommendation key such as `A.1`: letters or digits, dot-separated, at most 16 characters. */
export const recommendationKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(16, 'A recommendation key has at most 16 characters.')
  .regex(/^[A-Z0-9]+(\.[A-Z0-9]+)*$/, 'Use a recommendation key such as A.1.');

export const uuidSchema = z.uuid('Use the id exactly as the tracker gave it.');

/** A calendar date as `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date('Use a date written as YYYY-MM-DD.');
