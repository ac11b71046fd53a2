import { fileURLToPath } from 'node:url';
import { BODY_BYTES_RANGE, DEFAULT_MAX_BODY_BYTES, DEFAULT_MIN_FREE_MB, SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '@tracker/domain';
import { z } from 'zod';

/** Every environment variable the server and the CLI read, validated once. Nothing else reads process.env. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// connection string')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TRACKER_DATA_DIR: z.string().min(1).default('./.data'),
  /** The master key that opens confidential content; beside the data, never inside it. Made on first start. */
  TRACKER_KEY_FILE: z.string().min(1).default('./.tracker-key'),
  TRACKER_WEB_DIST: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  /**
   * Behind reverse proxies: how many of them to trust (their X-Forwarded-For and -Proto). `true` is
   * one; `false`, `0` or unset is none (the socket's address is the client).
   */
  TRACKER_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|\d{1,2}|)$/, 'TRACKER_TRUST_PROXY must be true, false or a number of proxies')
    .transform((v) => (v === 'true' ? 1 : v === 'false' || v === '' ? 0 : Number(v)))
    .pipe(z.number().int().min(0).max(10))
    .default(0),
  /** Base address printed in links (first-admin setup, password resets); defaults to the listening address. */
  TRACKER_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'TRACKER_PUBLIC_URL must be an http(s) address' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TRACKER_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(SESSION_IDLE_MINUTES),
  TRACKER_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(SESSION_ABSOLUTE_HOURS),
  /** Writes are refused (503, saying the disk is full) while the embedded database's disk has less free. 0 turns the check off. */
  TRACKER_MIN_FREE_MB: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_MIN_FREE_MB),
  TRACKER_MAX_BODY_BYTES: z.coerce.number().int().min(BODY_BYTES_RANGE.min).max(BODY_BYTES_RANGE.max).default(DEFAULT_MAX_BODY_BYTES),
  /** Mail through this SMTP server (`smtp://user:pass@mail.example.org:587`); without it, notices stay in the in-app inbox. */
  TRACKER_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'TRACKER_SMTP_URL must be an smtp:// or smtps:// address, such as smtp://user:pass@mail.example.org:587')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of the tracker's mail: an address, or `Name <address>`. Needed with TRACKER_SMTP_URL. */
  TRACKER_MAIL_FROM: z
    .string()
    .trim()
    .max(200)
    .regex(/^([^<>@\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'TRACKER_MAIL_FROM must be an address, or Name <address>')
    .optional()
    .or(z.literal('').transform(() => undefined)),
}).refine((env) => !env.TRACKER_SMTP_URL || env.TRACKER_MAIL_FROM, {
  path: ['TRACKER_MAIL_FROM'],
  message: 'TRACKER_MAIL_FROM is needed with TRACKER_SMTP_URL: the address the tracker sends from, such as tracker@example.org',
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
