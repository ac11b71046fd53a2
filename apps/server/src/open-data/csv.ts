import { safeCell } from '@tracker/domain';
import { stringify } from 'csv-stringify/sync';

/** RFC 4180 CSV in UTF-8; `excel` adds the byte-order mark and CRLF line ends Excel expects. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[], excel: boolean): string {
  return stringify(
    rows.map((row) => columns.map((c) => safeCell(row[c]))),
    { header: true, columns: [...columns], bom: excel, record_delimiter: excel ? 'windows' : 'unix' },
  );
}

