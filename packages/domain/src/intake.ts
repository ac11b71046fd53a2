import { z } from 'zod';
import { isoDateSchema, iso3Schema, recommendationKeySchema, uuidSchema } from './identifiers';
import { fieldLimits } from './limits';
import { httpUrlSchema, text } from './text';
import { intakeStatuses } from './vocabulary';

/**
 * Information from outside: anyone may send what they know through /share, without an account.
 * It is kept sealed like testimony; staff triage it into draft evidence or discard it.
 */

/** At most this many files, each at most this large, judged by their bytes against the allow-list. */
export const MAX_INTAKE_FILES = 3;
export const MAX_INTAKE_FILE_BYTES = 10 * 1024 * 1024;
const MAX_INTAKE_FILE_BASE64 = Math.ceil(MAX_INTAKE_FILE_BYTES / 3) * 4 + 4;
/** The largest body `intake.submit` reads: three files base64-encoded and the text. */
export const MAX_INTAKE_BODY_BYTES = MAX_INTAKE_FILES * MAX_INTAKE_FILE_BASE64 + 128 * 1024;

/** Days a discarded submission is kept (for a second look) before it is erased. */
export const DISCARDED_INTAKE_DAYS = 30;

/**
 * The proof of work a sender's browser does before sending: find a nonce such that
 * SHA-256(`challenge:nonce`) starts with this many zero bits (about 65,000 tries, a second or so in
 * a browser). A flood of scripted submissions costs the sender that much per submission.
 */
export const INTAKE_WORK_BITS = 16;
/** How long a challenge may be used, once. */
export const INTAKE_CHALLENGE_MINUTES = 60;

export const intakeChallengeSchema = z
  .string()
  .max(200)
  .regex(/^\d{10}\.[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/, 'This page is out of date: load it again and send once more.');

export const intakeFileInput = z.object({
  filename: text('The file name', 1, fieldLimits.filename),
  contentBase64: z
    .string()
    .max(MAX_INTAKE_FILE_BASE64, 'A file is at most 10 MB.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file did not arrive whole; choose it again.'),
});

/** What the sender writes; the web form checks it before doing the proof of work. */
export const intakeDetailsInput = z.object({
  /** What happened, in the sender's words and language. */
  what: text('What happened', 20, fieldLimits.intakeWhat),
  iso3: iso3Schema,
  /** The place, if known: a compound, a zone, a town. */
  site: text('The place', 1, fieldLimits.intakePlace).nullish(),
  /** When it happened, as well as it is known. */
  when: isoDateSchema
    .refine((d) => d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), 'This date is in the future: say when it happened.')
    .nullish(),
  sourceUrl: httpUrlSchema.nullish(),
  /** How the tracker may reach the sender, if they want to be reached; kept sealed. */
  contact: text('The way to reach you', 1, fieldLimits.intakeContact).nullish(),
});

export const intakeSubmitInput = intakeDetailsInput.extend({
  files: z.array(intakeFileInput).max(MAX_INTAKE_FILES, `Attach at most ${MAX_INTAKE_FILES} files.`).default([]),
  proof: z.object({ challenge: intakeChallengeSchema, nonce: z.string().regex(/^[0-9]{1,12}$/, 'The proof of work is not complete.') }),
});
export type IntakeSubmitInput = z.infer<typeof intakeSubmitInput>;

export const intakeListInput = z.object({ status: z.enum(intakeStatuses).default('new') }).default({ status: 'new' });

/** One file of a submission, for a triager to look at before deciding. */
export const intakeFileQueryInput = z.object({ id: uuidSchema, position: z.number().int().min(0).max(MAX_INTAKE_FILES - 1) });

/**
 * Converting makes a confidential draft of evidence owned by the triager; the recommendations it
 * concerns may be named now or on the draft before it is sent for review.
 */
export const intakeTriageInput = z.object({
  id: uuidSchema,
  decision: z.enum(['convert', 'discard']),
  reason: text('The reason', 3, fieldLimits.triageReason),
  recommendationKeys: z.array(recommendationKeySchema).max(20, 'Link at most 20 recommendations.').optional(),
});
export type IntakeTriageInput = z.infer<typeof intakeTriageInput>;

/** Leading zero bits of a digest: the measure of the proof of work. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}
