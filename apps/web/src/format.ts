import { useTranslation } from 'react-i18next';

/**
 * Dates and numbers go through Intl with the interface language. Always the Gregorian calendar and
 * Latin digits, so a date or figure reads the same in every locale's documents.
 */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  // Browsers ship date data for fewer locales than ICU has (Chromium has none for Burmese, Khmer or
  // Lao); there the month names and order come from the translation instead of English.
  const browserKnowsDates = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  const months = t('dateFormat.months', { returnObjects: true });
  /** `YYYY-MM-DD` with the language's month name, without any time-zone shift. */
  const calendarDate = (ymd: string) => {
    if (browserKnowsDates) return date.format(new Date(`${ymd}T00:00:00Z`));
    const [year = '', month = '1', day = '1'] = ymd.split('-');
    return t('dateFormat.pattern', { year, month: months[Number(month) - 1] ?? month, day: String(Number(day)) });
  };
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', calendar: 'gregory', numberingSystem: 'latn' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' });
  const number = new Intl.NumberFormat(locale, { numberingSystem: 'latn' });
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    calendar: 'gregory',
    numberingSystem: 'latn',
    timeZone: 'UTC',
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, numberingSystem: 'latn' });
  return {
    number: (n: number) => number.format(n),
    percent: (fraction: number) => percent.format(fraction),
    compact: (n: number) => new Intl.NumberFormat(locale, { notation: 'compact', numberingSystem: 'latn' }).format(n),
    bytes: (n: number) =>
      n < 1024 * 1024
        ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1, numberingSystem: 'latn' }).format(n / 1024)
        : new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1, numberingSystem: 'latn' }).format(n / 1024 / 1024),
    /** A calendar date `YYYY-MM-DD`, shown without any time-zone shift. */
    date: (iso: string) => calendarDate(iso.slice(0, 10)),
    /** An instant in the reader's time zone, to the minute (the audit log). */
    dateTime: (iso: string) => {
      const at = new Date(iso);
      if (browserKnowsDates) return dateTime.format(at);
      const local = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
      return `${calendarDate(local)} ${time.format(at)}`;
    },
    list: (items: string[]) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items),
  };
}
