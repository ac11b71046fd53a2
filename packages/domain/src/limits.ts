/**
 * Every limit and default the tracker enforces, in one place: the input schemas, the server, its
 * environment defaults (apps/server/src/env.ts) and the dashboard's form fields all read them from
 * here, so a limit changes in one line.
 */

/** Session lifetime: signed out after this long without activity, and after this long in any case (defaults of TRACKER_SESSION_*). */
export const SESSION_IDLE_MINUTES = 60;
export const SESSION_ABSOLUTE_HOURS = 12;
/** One-time links (first-admin setup, password reset) expire after this long. */
export const ONE_TIME_LINK_HOURS = 24;

/** Calls the dashboard batches into one request, and the most the server accepts in one. */
export const MAX_BATCH_SIZE = 20;
/** Default largest request body (TRACKER_MAX_BODY_BYTES), and the bounds that setting may take. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const BODY_BYTES_RANGE = { min: 1024, max: 64 * 1024 * 1024 } as const;
/** Attachments travel as base64 inside JSON (no multipart: see the CSRF rules). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** The base64 length of the largest attachment. */
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4;
/** The body that carries the largest attachment (base64 plus the JSON around it). */
export const MAX_ATTACH_BODY_BYTES = MAX_ATTACHMENT_BASE64 + 64 * 1024;
/** A CSV sent from the page; the command line takes files up to MAX_IMPORT_FILE_BYTES. */
export const MAX_IMPORT_TEXT = 20 * 1024 * 1024;
export const MAX_IMPORT_FILE_BYTES = 256 * 1024 * 1024;
/** One cell of an imported CSV. */
export const MAX_CSV_CELL = 20_000;

/** Seconds a client is told to wait (Retry-After) when the database is out of reach, and when the disk is full. */
export const RETRY_AFTER_SECONDS = 5;
export const DISK_FULL_RETRY_AFTER_SECONDS = 30;
/** Writes are refused while the embedded database's disk has less free than this (default of TRACKER_MIN_FREE_MB). */
export const DEFAULT_MIN_FREE_MB = 64;

/** Longest text of each kind of field, as the schemas enforce it and the forms offer it. */
export const fieldLimits = {
  evidenceTitle: 300,
  evidenceSummary: 5000,
  publisher: 300,
  reviewNote: 2000,
  eraseReason: 500,
  retractReason: 2000,
  rationale: 5000,
  search: 200,
  filename: 255,
  displayName: 120,
  translation: 4000,
  totpCode: 6,
  replySummary: 5000,
  commitmentText: 3000,
  intakeWhat: 10000,
  intakePlace: 300,
  intakeContact: 500,
  triageReason: 2000,
  url: 2000,
} as const;
