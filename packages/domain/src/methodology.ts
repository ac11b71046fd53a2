import type { AssessmentStatus, Credibility, Reliability } from './vocabulary';

/**
 * The scoring methodology, as pure functions. docs/methodology.md explains it for readers; bump the
 * version whenever a rule here changes, since every scorecard reports the version it used.
 */
export const methodologyVersion = '1.0.0';

/** Score each status contributes; `null` means the cell is excluded and counts against coverage. */
export const statusScore: Record<AssessmentStatus, number | null> = {
  not_assessed: null,
  regressed: 0,
  no_action: 0,
  committed: 25,
  framework_adopted: 50,
  implementing: 75,
  effective: 100,
};

/** Days back from the as-of date that the trend compares against. */
export const TREND_WINDOW_DAYS = 180;

export interface AssessmentRecord {
  id: string;
  iso3: string;
  recommendationKey: string;
  status: AssessmentStatus;
  claimedStatus: AssessmentStatus | null;
  effectiveFrom: string;
  /** ISO-8601 instant the record was written; breaks ties between records effective the same day. */
  createdAt: string;
  rationale: string;
  /** Illustrative record from the demo data set, shown as such wherever it appears. */
  isDemo?: boolean;
}

export const cellKey = (iso3: string, recommendationKey: string) => `${iso3}|${recommendationKey}`;

/** Later effective date wins; on the same date, the later written record wins. */
function isNewer(a: AssessmentRecord, b: AssessmentRecord): boolean {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom > b.effectiveFrom;
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt;
  return a.id > b.id;
}

/** The approved assessment in force for each cell on `asOf`: only records effective on or before it count. */
export function inForce(history: readonly AssessmentRecord[], asOf: string): Map<string, AssessmentRecord> {
  const cells = new Map<string, AssessmentRecord>();
  for (const record of history) {
    if (record.effectiveFrom > asOf) continue;
    const key = cellKey(record.iso3, record.recommendationKey);
    const current = cells.get(key);
    if (!current || isNewer(record, current)) cells.set(key, record);
  }
  return cells;
}

export interface ScoreSummary {
  /** Mean score over assessed cells, 0–100; null when nothing is assessed. */
  score: number | null;
  /** Assessed cells over all cells, 0–1. */
  coverage: number;
  assessed: number;
  total: number;
  regressed: number;
}

/** `statuses` has one entry per cell in scope; null (no assessment) counts as not assessed. */
export function summarise(statuses: readonly (AssessmentStatus | null)[]): ScoreSummary {
  let sum = 0;
  let assessed = 0;
  let regressed = 0;
  for (const status of statuses) {
    const score = status ? statusScore[status] : null;
    if (score === null) continue;
    sum += score;
    assessed++;
    if (status === 'regressed') regressed++;
  }
  const total = statuses.length;
  return {
    score: assessed === 0 ? null : Math.round((sum / assessed) * 10) / 10,
    coverage: total === 0 ? 0 : assessed / total,
    assessed,
    total,
    regressed,
  };
}

export type Confidence = 'none' | 'low' | 'medium' | 'high';

const reliabilityWeight: Record<Reliability, number> = { A: 1, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.1 };
const credibilityWeight: Record<Credibility, number> = { 1: 1, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.1 };

export interface Grade {
  reliability: Reliability;
  credibility: number;
}

/**
 * Confidence of an assessment from the verified evidence it rests on: each item weighs the product
 * of its source reliability and information credibility (A1 = 1, F6 = 0.01); the sum sets the level.
 */
export function confidenceOf(grades: readonly Grade[]): Confidence {
  const weight = grades.reduce(
    (sum, g) => sum + reliabilityWeight[g.reliability] * (credibilityWeight[g.credibility as Credibility] ?? 0),
    0,
  );
  if (weight >= 1.5) return 'high';
  if (weight >= 0.6) return 'medium';
  if (grades.length > 0) return 'low';
  return 'none';
}

export type Movement = 'up' | 'down' | 'same' | 'assessed' | 'unassessed';

/** How a cell moved between two dates, by score; entering or leaving assessment is reported as such. */
export function movement(from: AssessmentStatus | null, to: AssessmentStatus | null): Movement {
  const a = from ? statusScore[from] : null;
  const b = to ? statusScore[to] : null;
  if (a === null && b === null) return 'same';
  if (a === null) return 'assessed';
  if (b === null) return 'unassessed';
  if (b > a) return 'up';
  if (b < a) return 'down';
  return from === to ? 'same' : to === 'regressed' ? 'down' : from === 'regressed' ? 'up' : 'same';
}

export interface Trend {
  previousScore: number | null;
  delta: number | null;
  direction: 'up' | 'down' | 'flat' | 'unknown';
}

export function trendOf(score: number | null, previousScore: number | null): Trend {
  if (score === null || previousScore === null) return { previousScore, delta: null, direction: 'unknown' };
  const delta = Math.round((score - previousScore) * 10) / 10;
  return { previousScore, delta, direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat' };
}

/**
 * The date since which the score has held as of `asOf`: the last point on or before it where the
 * score changed (or was first given). What "unchanged since" says, read from the same points the
 * score-over-time chart draws, so the two never disagree.
 */
export function scoreHeldSince(points: readonly { date: string; score: number | null }[], asOf: string): string | null {
  let since: string | null = null;
  let previous: number | null = null;
  for (const point of points) {
    if (point.date > asOf) break;
    if (point.score !== previous) {
      since = point.score === null ? null : point.date;
      previous = point.score;
    }
  }
  return since;
}

/** `YYYY-MM-DD` plus `days` (negative goes back), in UTC. */
export function shiftDate(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export interface TimelinePoint extends ScoreSummary {
  date: string;
}

/**
 * The summary of the cells in scope after each date on which something took effect. One sweep in
 * date order, keeping running sums, so it stays linear in the size of the history.
 */
export function timelineOf(history: readonly AssessmentRecord[], cellsInScope: readonly string[]): TimelinePoint[] {
  const scope = new Set(cellsInScope);
  const ordered = history
    .filter((r) => scope.has(cellKey(r.iso3, r.recommendationKey)))
    .sort((a, b) => (isNewer(a, b) ? 1 : isNewer(b, a) ? -1 : 0));
  const current = new Map<string, AssessmentStatus>();
  let sum = 0;
  let assessed = 0;
  let regressed = 0;
  const apply = (status: AssessmentStatus | undefined, sign: 1 | -1) => {
    if (!status) return;
    const score = statusScore[status];
    if (score === null) return;
    sum += sign * score;
    assessed += sign;
    if (status === 'regressed') regressed += sign;
  };
  const points: TimelinePoint[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const record = ordered[i] as AssessmentRecord;
    const key = cellKey(record.iso3, record.recommendationKey);
    apply(current.get(key), -1);
    current.set(key, record.status);
    apply(record.status, 1);
    const next = ordered[i + 1];
    if (!next || next.effectiveFrom !== record.effectiveFrom) {
      points.push({
        date: record.effectiveFrom,
        score: assessed === 0 ? null : Math.round((sum / assessed) * 10) / 10,
        coverage: scope.size === 0 ? 0 : assessed / scope.size,
        assessed,
        total: scope.size,
        regressed,
      });
    }
  }
  return points;
}
