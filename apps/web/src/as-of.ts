import { useSearchParams } from 'react-router';

export const isDate = (v: string | null): v is string => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)));

export const todayIso = () => new Date().toISOString().slice(0, 10);

export function shiftIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A date kept in the page address (`?asOf=2025-06-30`), so a view through time can be shared and
 * bookmarked. Absent or malformed means the fallback (today for as-of).
 */
export function useDateParam(name: string, fallback: string) {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name);
  const value = isDate(raw) ? raw : fallback;
  const set = (next: string | null) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next && isDate(next) && next !== fallback) copy.set(name, next);
        else copy.delete(name);
        return copy;
      },
      { replace: true },
    );
  return [value, set, isDate(raw)] as const;
}
