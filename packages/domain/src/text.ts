import { z } from 'zod';
import { fieldLimits } from './limits';

/** Free text: trimmed, Unicode NFC (so the same words always compare equal), bounded. */
export function text(label: string, min: number, max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`)
        .max(max, `${label} has at most ${max} characters.`),
    );
}

/** An absolute http(s) URL; other schemes (javascript:, data:, file:) are refused. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(fieldLimits.url, `A URL has at most ${fieldLimits.url} characters.`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'Use a full http:// or https:// address.');

/** A BCP 47 language tag such as `en`, `th`, `my` or `zh-Hans`. */
export const languageTagSchema = z
  .string()
  .trim()
  .max(35, 'A language tag has at most 35 characters.')
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as en, th, km, my or vi.');
