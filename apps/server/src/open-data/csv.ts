import { asText } from '@tracker/domain';
import { stringify } from 'csv-stringify/sync';

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) is prefixed
 * with an apostrophe, so opening an export can never execute anything.
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.map(asText).join('|') : asText(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV in UTF-8; `excel` adds the byte-order mark and CRLF line ends Excel expects. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[], excel: boolean): string {
  return stringify(
    rows.map((row) => columns.map((c) => safeCell(row[c]))),
    { header: true, columns: [...columns], bom: excel, record_delimiter: excel ? 'windows' : 'unix' },
  );
}
