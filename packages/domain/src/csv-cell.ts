import { asText } from './as-text';

/**
 * A cell as text for a CSV file. A cell that a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return) is prefixed with an apostrophe, so opening a download can never execute anything.
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.map(asText).join('|') : asText(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
