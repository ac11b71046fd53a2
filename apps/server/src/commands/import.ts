import { readFile, stat } from 'node:fs/promises';
import { checkImportReferences, findLoginUser, importEvidence, type ImportIssue, type ImportRow } from '@tracker/db';
import { evidenceCreateInput, evidenceFieldsSchema } from '@tracker/domain';
import { Presets, SingleBar } from 'cli-progress';
import { parse } from 'csv-parse/sync';
import type { Env } from '../env';
import { withDatabase } from './database';

/** Files larger than this are refused before reading: split them, or use pg_dump/psql for bulk moves. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
const MAX_CELL = 20_000;
const REPORTED = 50;

const columns = [...Object.keys(evidenceFieldsSchema.shape), 'externalId'];
const required = ['iso3', 'recommendationKeys', 'title', 'summary', 'kind', 'direction', 'language', 'reliability', 'credibility', 'visibility'];

export class ImportRejected extends Error {}

const list = (cell: string) => cell.split('|').map((s) => s.trim()).filter(Boolean);
const optional = (cell: string | undefined) => (cell && cell.trim() ? cell : undefined);

/** One CSV record to the contract's input, before validation. */
function toInput(record: Record<string, string>) {
  const flag = (record['containsPersonalData'] ?? '').trim().toLowerCase();
  return {
    iso3: record['iso3'] ?? '',
    recommendationKeys: list(record['recommendationKeys'] ?? ''),
    siteIds: list(record['siteIds'] ?? ''),
    title: record['title'] ?? '',
    summary: record['summary'] ?? '',
    kind: record['kind'],
    direction: record['direction'],
    sourceUrl: optional(record['sourceUrl']) ?? null,
    publisher: optional(record['publisher']) ?? null,
    publishedOn: optional(record['publishedOn']) ?? null,
    language: record['language'] ?? '',
    reliability: record['reliability'],
    credibility: record['credibility'] && /^\d+$/.test(record['credibility'].trim()) ? Number(record['credibility']) : record['credibility'],
    visibility: record['visibility'],
    containsPersonalData: flag === 'true' || flag === '1' || flag === 'yes' ? true : flag === '' || flag === 'false' || flag === '0' || flag === 'no' ? false : flag,
  };
}

/** Reads, decodes and validates the whole file; returns the rows or every problem found. */
export function parseEvidenceCsv(bytes: Buffer): { rows: ImportRow[]; issues: ImportIssue[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportRejected('The file is not UTF-8 text. Save it as "CSV UTF-8" and try again.');
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, info: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    throw new ImportRejected(`The file is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new ImportRejected('The file has a header but no rows.');
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((h) => !columns.includes(h));
  const missing = required.filter((c) => !header.includes(c));
  if (unknown.length || missing.length) {
    throw new ImportRejected(
      [
        missing.length ? `Missing columns: ${missing.join(', ')}.` : '',
        unknown.length ? `Unknown columns: ${unknown.join(', ')}.` : '',
        `The header uses the evidence field names: ${columns.join(', ')}.`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
  const rows: ImportRow[] = [];
  const issues: ImportIssue[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const oversized = Object.entries(record).find(([, v]) => v.length > MAX_CELL);
    if (oversized) {
      issues.push({ line, column: oversized[0], message: `the cell has ${oversized[1].length} characters; at most ${MAX_CELL} are accepted.` });
      continue;
    }
    const externalId = optional(record['externalId'])?.trim() ?? null;
    if (externalId && externalId.length > 200) issues.push({ line, column: 'externalId', message: 'at most 200 characters.' });
    const parsed = evidenceCreateInput.safeParse(toInput(record));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ line, column: String(issue.path[0] ?? ''), message: issue.message });
      continue;
    }
    rows.push({ line, externalId, fields: parsed.data });
  }
  return { rows, issues };
}

function describe(issues: ImportIssue[]): string {
  const shown = issues.slice(0, REPORTED).map((i) => `  line ${i.line}, column ${i.column}: ${i.message}`);
  const more = issues.length > REPORTED ? [`  … and ${issues.length - REPORTED} more.`] : [];
  return [`Nothing was imported: ${issues.length} problem${issues.length === 1 ? '' : 's'} found.`, ...shown, ...more].join('\n');
}

/** `tracker import FILE --as EMAIL`: all rows or none, attributed to that account, awaiting review. */
export async function importCommand(env: Env, file: string, asEmail: string | undefined): Promise<string> {
  if (!asEmail) throw new ImportRejected('Say whose import this is: --as EMAIL (a monitor, reviewer or admin).');
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) throw new ImportRejected(`Cannot read ${file}.`);
  if (size > MAX_IMPORT_BYTES) throw new ImportRejected(`The file is ${Math.round(size / 2 ** 20)} MB; at most ${MAX_IMPORT_BYTES / 2 ** 20} MB is accepted. Split it into smaller files.`);
  const started = performance.now();
  const { rows, issues } = parseEvidenceCsv(await readFile(file));
  return withDatabase(env, async (handle) => {
    const all = [...issues, ...(await checkImportReferences(handle.db, rows))].sort((a, b) => a.line - b.line);
    if (all.length > 0) throw new ImportRejected(describe(all));
    const user = await findLoginUser(handle.db, asEmail);
    if (!user || !user.active || user.role === 'policymaker') {
      throw new ImportRejected(`${asEmail} is not an active monitor, reviewer or admin account.`);
    }
    const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% {value}/{total} rows', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    if (process.stderr.isTTY) bar.start(rows.length, 0);
    try {
      const report = await importEvidence(handle.db, { id: user.id, role: user.role }, rows, (n) => bar.isActive && bar.update(n));
      const seconds = (performance.now() - started) / 1000;
      return `Imported ${rows.length} rows in ${seconds.toFixed(1)} s (${Math.round(rows.length / seconds)} rows/s): ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged. New and changed items await review.`;
    } finally {
      if (bar.isActive) bar.stop();
    }
  });
}
