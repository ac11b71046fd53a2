import { interfaceLanguages, mailTopics, roles } from '@tracker/domain';
import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, tstz } from './columns';
import { states } from './states';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    /** argon2id hash; null for an account that has not set a password (or a demo author). */
    passwordHash: text('password_hash'),
    totpSecret: text('totp_secret'),
    /** The 30-second time step of the last accepted code: a code is accepted once, never replayed. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    active: boolean('active').notNull().default(true),
    /** The language the tracker writes to this person in (mail). */
    language: text('language', { enum: interfaceLanguages }).notNull().default('en'),
    /** Mail topics this person does not want by mail; their inbox has everything. */
    mailOff: text('mail_off', { enum: mailTopics }).array().notNull().default(sql`'{}'::text[]`),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    oneOf('users_role_known', t.role, roles),
    oneOf('users_language_known', t.language, interfaceLanguages),
    check('users_mail_off_known', sql`${t.mailOff} <@ array[${sql.raw(mailTopics.map((m) => `'${m}'`).join(', '))}]::text[]`),
    check('users_email_shape', sql`${t.email} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`),
  ],
);

/** States a monitor is limited to; a monitor with no rows here may work on every State. */
export const userStates = pgTable(
  'user_states',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.iso3] })],
);

/** Server-side sessions: only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: char('token_hash', { length: 64 }).notNull().unique(),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    clientAddress: text('client_address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time links: first-admin setup and password resets. Only the token's SHA-256 is stored. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose', { enum: ['setup', 'password_reset'] }).notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull().unique(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [oneOf('one_time_tokens_purpose_known', t.purpose, ['setup', 'password_reset'])],
);

/** Per-role rules an admin sets: whether accounts of the role must use a second factor. */
export const rolePolicies = pgTable(
  'role_policies',
  {
    role: text('role', { enum: roles }).primaryKey(),
    requireTotp: boolean('require_totp').notNull().default(false),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [oneOf('role_policies_role_known', t.role, roles)],
);

/**
 * Attempt counters for sign-in, password changes, second-factor checks and one-time links, per
 * account and per client address. In the database so they survive a restart and hold across every
 * server process on one PostgreSQL.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull(),
  lastAttemptAt: tstz('last_attempt_at').notNull(),
  blockedUntil: tstz('blocked_until').notNull(),
});
