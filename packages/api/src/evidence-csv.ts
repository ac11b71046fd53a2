import type { ImportIssue, ImportRow } from '@tracker/db';
import { unicodeFields } from './zawgyi';
import { AppError, evidenceCreateInput, MAX_CSV_CELL, evidenceFieldsSchema, type FieldIssue } from '@tracker/domain';
import { parse } from 'csv-parse/sync';

/** Reading evidence CSV, shared by the `tracker import` command and the `evidence.import` procedure. */
const REPORTED = 50;

const columns = [...Object.keys(evidenceFieldsSchema.shape), 'externalId'];
const required = ['iso3', 'recommendationKeys', 'title', 'summary', 'kind', 'direction', 'language', 'reliability', 'credibility', 'visibility'];

/** A file refused as a whole (not UTF-8, not CSV, a wrong header): nothing is imported. */
const rejected = (message: string) => new AppError('BAD_REQUEST', message);

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
    throw rejected('The file is not UTF-8 text. Save it as "CSV UTF-8" and try again.');
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, info: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    throw rejected(`The file is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw rejected('The file has a header but no rows.');
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((h) => !columns.includes(h));
  const missing = required.filter((c) => !header.includes(c));
  if (unknown.length || missing.length) {
    throw rejected(
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
    const oversized = Object.entries(record).find(([, v]) => v.length > MAX_CSV_CELL);
    if (oversized) {
      issues.push({ line, column: oversized[0], message: `the cell has ${oversized[1].length} characters; at most ${MAX_CSV_CELL} are accepted.` });
      continue;
    }
    const externalId = optional(record['externalId'])?.trim() ?? null;
    if (externalId && externalId.length > 200) issues.push({ line, column: 'externalId', message: 'at most 200 characters.' });
    const parsed = evidenceCreateInput.safeParse(toInput(record));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ line, column: String(issue.path[0] ?? ''), message: issue.message });
      continue;
    }
    rows.push({ line, externalId, fields: unicodeFields(parsed.data) });
  }
  return { rows, issues };
}

/** Problems by line and column as field issues: the path is `LINE.COLUMN`, such as `12.summary`. */
export const importIssues = (issues: readonly ImportIssue[]): FieldIssue[] => issues.map((i) => ({ path: `${i.line}.${i.column}`, message: i.message }));

/** Every problem, by line and column, as the sentence both the CLI and the admin page show. */
export function describeIssues(issues: ImportIssue[]): string {
  const shown = issues.slice(0, REPORTED).map((i) => `  line ${i.line}, column ${i.column}: ${i.message}`);
  const more = issues.length > REPORTED ? [`  … and ${issues.length - REPORTED} more.`] : [];
  return [`Nothing was imported: ${issues.length} problem${issues.length === 1 ? '' : 's'} found.`, ...shown, ...more].join('\n');
}

