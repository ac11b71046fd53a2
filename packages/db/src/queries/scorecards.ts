import {
  cellKey,
  confidenceOf,
  methodologyVersion,
  movement,
  notFound,
  shiftDate,
  summarise,
  timelineOf,
  scoreHeldSince,
  todayUtc,
  trendOf,
  TREND_WINDOW_DAYS,
  type AssessmentRecord,
  type AssessmentStatus,
  type Grade,
  type Visibility,
} from '@tracker/domain';
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { assessmentEvidence, assessments, evidence, evidenceCellCounts, evidenceRecommendations, recommendations, states } from '../schema';

/**
 * Scorecards from the append-only assessment history, as of any date. Each function runs a small,
 * fixed number of queries whatever the number of States, recommendations or evidence rows: the
 * approved assessment in force per cell comes from a partial index, one LATERAL lookup per cell,
 * and evidence counts from the per-day and per-month counts the database keeps.
 */

interface Scope {
  iso3?: string | undefined;
  recommendationKey?: string | undefined;
}

type EvidenceCounts = Record<Visibility, number>;
const noEvidence = (): EvidenceCounts => ({ public: 0, restricted: 0, confidential: 0 });

const recordColumns = {
  id: assessments.id,
  iso3: assessments.iso3,
  recommendationKey: recommendations.key,
  status: assessments.status,
  claimedStatus: assessments.claimedStatus,
  effectiveFrom: assessments.effectiveFrom,
  createdAt: assessments.createdAt,
  rationale: assessments.rationale,
  isDemo: assessments.isDemo,
};

function scopeWhere(scope: Scope): (SQL | undefined)[] {
  return [
    eq(assessments.reviewState, 'approved'),
    scope.iso3 ? eq(assessments.iso3, scope.iso3) : undefined,
    scope.recommendationKey ? eq(recommendations.key, scope.recommendationKey) : undefined,
  ];
}

const toRecord = (r: Omit<AssessmentRecord, 'createdAt'> & { createdAt: Date }): AssessmentRecord => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

/**
 * The approved assessment in force on `asOf` for every cell in scope (one query): for each State ×
 * recommendation, the newest approved record on or before the date, read from the partial cell
 * index with a LATERAL … LIMIT 1, so the cost follows the number of cells, not of assessments.
 */
export async function assessmentsInForce(db: Database, asOf: string, scope: Scope = {}): Promise<Map<string, AssessmentRecord>> {
  const a = assessments;
  const latest = db
    .select({
      id: a.id,
      status: a.status,
      claimedStatus: a.claimedStatus,
      effectiveFrom: a.effectiveFrom,
      createdAt: a.createdAt,
      rationale: a.rationale,
      isDemo: a.isDemo,
    })
    .from(a)
    .where(and(eq(a.iso3, states.iso3), eq(a.recommendationId, recommendations.id), eq(a.reviewState, 'approved'), lte(a.effectiveFrom, asOf)))
    .orderBy(desc(a.effectiveFrom), desc(a.createdAt), desc(a.id))
    .limit(1)
    .as('latest');
  const rows = await db
    .select({
      id: latest.id,
      iso3: states.iso3,
      recommendationKey: recommendations.key,
      status: latest.status,
      claimedStatus: latest.claimedStatus,
      effectiveFrom: latest.effectiveFrom,
      createdAt: latest.createdAt,
      rationale: latest.rationale,
      isDemo: latest.isDemo,
    })
    .from(states)
    .crossJoin(recommendations)
    .crossJoinLateral(latest)
    .where(
      and(
        scope.iso3 ? eq(states.iso3, scope.iso3) : undefined,
        scope.recommendationKey ? eq(recommendations.key, scope.recommendationKey) : undefined,
      ),
    );
  return new Map(rows.map((r) => [cellKey(r.iso3, r.recommendationKey), toRecord(r)]));
}

/** Every approved assessment in scope, for timelines (one query). */
export async function approvedHistory(db: Database, scope: Scope = {}): Promise<AssessmentRecord[]> {
  const rows = await db
    .select(recordColumns)
    .from(assessments)
    .innerJoin(recommendations, eq(recommendations.id, assessments.recommendationId))
    .where(and(...scopeWhere(scope)));
  return rows.map(toRecord);
}

/** Grades of the verified, unretracted evidence behind each assessment (one query). */
async function gradesOf(db: Database, assessmentIds: string[]): Promise<Map<string, Grade[]>> {
  const grades = new Map<string, Grade[]>();
  if (assessmentIds.length === 0) return grades;
  const rows = await db
    .select({ assessmentId: assessmentEvidence.assessmentId, reliability: evidence.reliability, credibility: evidence.credibility })
    .from(assessmentEvidence)
    .innerJoin(evidence, eq(evidence.id, assessmentEvidence.evidenceId))
    .where(and(inArray(assessmentEvidence.assessmentId, assessmentIds), eq(evidence.status, 'verified'), sql`${evidence.retractedAt} is null`));
  for (const { assessmentId, ...grade } of rows) grades.set(assessmentId, [...(grades.get(assessmentId) ?? []), grade]);
  return grades;
}

/**
 * Verified, unretracted evidence per cell and visibility, dated on or before `asOf`, from the
 * counts the triggers keep (whole months before `asOf`'s month, then its days): one grouped query
 * over at most a few thousand rows, whatever the number of evidence rows. Counts only: anything
 * public may say that non-public sources exist, never what they say.
 */
export async function keptEvidenceCells(db: Database, asOf: string, scope: Scope = {}): Promise<Map<string, EvidenceCounts>> {
  const monthStart = `${asOf.slice(0, 7)}-01`;
  const c = evidenceCellCounts;
  const rows = await db
    .select({ iso3: c.iso3, key: recommendations.key, visibility: c.visibility, n: sql<number>`sum(${c.n})::int` })
    .from(c)
    .innerJoin(recommendations, eq(recommendations.id, c.recommendationId))
    .where(
      and(
        or(
          and(eq(c.period, 'month'), lt(c.starts, monthStart)),
          and(eq(c.period, 'day'), gte(c.starts, monthStart), lte(c.starts, asOf)),
        ),
        scope.iso3 ? eq(c.iso3, scope.iso3) : undefined,
        scope.recommendationKey ? eq(recommendations.key, scope.recommendationKey) : undefined,
      ),
    )
    .groupBy(c.iso3, recommendations.key, c.visibility)
    .having(sql`sum(${c.n}) <> 0`);
  return countsByCell(rows);
}

function countsByCell(rows: { iso3: string; key: string; visibility: Visibility; n: number }[]): Map<string, EvidenceCounts> {
  const counts = new Map<string, EvidenceCounts>();
  for (const r of rows) {
    const key = cellKey(r.iso3, r.key);
    const c = counts.get(key) ?? noEvidence();
    c[r.visibility] += Number(r.n);
    counts.set(key, c);
  }
  return counts;
}

/**
 * The same counts recomputed from the evidence itself. Slow at scale; it exists so tests and
 * `tracker` checks can prove the kept counts agree with the truth.
 */
export async function recountEvidenceCells(db: Database, asOf: string, scope: Scope = {}): Promise<Map<string, EvidenceCounts>> {
  const dated = sql`coalesce(${evidence.publishedOn}, (${evidence.reviewedAt} at time zone 'UTC')::date)`;
  const rows = await db
    .select({ iso3: evidence.iso3, key: recommendations.key, visibility: evidence.visibility, n: sql<number>`count(*)::int` })
    .from(evidence)
    .innerJoin(evidenceRecommendations, eq(evidenceRecommendations.evidenceId, evidence.id))
    .innerJoin(recommendations, eq(recommendations.id, evidenceRecommendations.recommendationId))
    .where(
      and(
        eq(evidence.status, 'verified'),
        sql`${evidence.retractedAt} is null`,
        sql`${dated} <= ${asOf}::date`,
        scope.iso3 ? eq(evidence.iso3, scope.iso3) : undefined,
        scope.recommendationKey ? eq(recommendations.key, scope.recommendationKey) : undefined,
      ),
    )
    .groupBy(evidence.iso3, recommendations.key, evidence.visibility);
  return countsByCell(rows);
}

async function catalogue(db: Database, scope: Scope) {
  const [stateRows, recRows] = await Promise.all([
    db
      .select({ iso3: states.iso3, name: states.name })
      .from(states)
      .where(scope.iso3 ? eq(states.iso3, scope.iso3) : undefined)
      .orderBy(asc(states.name)),
    db
      .select({ key: recommendations.key, title: recommendations.title })
      .from(recommendations)
      .where(scope.recommendationKey ? eq(recommendations.key, scope.recommendationKey) : undefined)
      .orderBy(asc(recommendations.position)),
  ]);
  return { stateRows, recRows };
}

interface Cell {
  iso3: string;
  recommendationKey: string;
  status: AssessmentStatus | null;
  claimedStatus: AssessmentStatus | null;
  /** True when the State claims a status other than the verified one. */
  claimGap: boolean;
  confidence: ReturnType<typeof confidenceOf>;
  effectiveFrom: string | null;
  assessmentId: string | null;
  rationale: string | null;
  isDemo: boolean;
  evidence: EvidenceCounts;
}

async function cellsAsOf(db: Database, asOf: string, scope: Scope) {
  const [cat, inForce, counts] = await Promise.all([catalogue(db, scope), assessmentsInForce(db, asOf, scope), keptEvidenceCells(db, asOf, scope)]);
  const grades = await gradesOf(
    db,
    [...inForce.values()].map((a) => a.id),
  );
  const cells: Cell[] = [];
  for (const s of cat.stateRows) {
    for (const r of cat.recRows) {
      const key = cellKey(s.iso3, r.key);
      const a = inForce.get(key);
      cells.push({
        iso3: s.iso3,
        recommendationKey: r.key,
        status: a?.status ?? null,
        claimedStatus: a?.claimedStatus ?? null,
        claimGap: Boolean(a?.claimedStatus && a.claimedStatus !== a.status),
        confidence: a ? confidenceOf(grades.get(a.id) ?? []) : 'none',
        effectiveFrom: a?.effectiveFrom ?? null,
        assessmentId: a?.id ?? null,
        rationale: a?.rationale ?? null,
        isDemo: a?.isDemo ?? false,
        evidence: counts.get(key) ?? noEvidence(),
      });
    }
  }
  return { ...cat, cells };
}

const statusesOf = (cells: Cell[]) => cells.map((c) => c.status);

export async function stateScorecard(db: Database, iso3: string, asOf: string = todayUtc()) {
  const previousDate = shiftDate(asOf, -TREND_WINDOW_DAYS);
  const [{ stateRows, recRows, cells }, previous, history] = await Promise.all([
    cellsAsOf(db, asOf, { iso3 }),
    assessmentsInForce(db, previousDate, { iso3 }),
    approvedHistory(db, { iso3 }),
  ]);
  const state = stateRows[0];
  if (!state) throw notFound(`State ${iso3}`);
  const summary = summarise(statusesOf(cells));
  const before = summarise(recRows.map((r) => previous.get(cellKey(iso3, r.key))?.status ?? null));
  return {
    iso3: state.iso3,
    name: state.name,
    asOf,
    methodologyVersion,
    ...summary,
    trend: {
      ...trendOf(summary.score, before.score),
      since: previousDate,
      unchangedSince: scoreHeldSince(
        timelineOf(
          history,
          recRows.map((r) => cellKey(iso3, r.key)),
        ),
        asOf,
      ),
    },
    recommendations: cells.map((c) => ({ ...c, title: recRows.find((r) => r.key === c.recommendationKey)?.title ?? '' })),
  };
}

export async function scorecardMatrix(db: Database, asOf: string = todayUtc()) {
  const { stateRows, recRows, cells } = await cellsAsOf(db, asOf, {});
  return {
    asOf,
    methodologyVersion,
    recommendations: recRows.map((r) => ({ ...r, regional: summarise(statusesOf(cells.filter((c) => c.recommendationKey === r.key))) })),
    states: stateRows.map((s) => ({ ...s, summary: summarise(statusesOf(cells.filter((c) => c.iso3 === s.iso3))) })),
    overall: summarise(statusesOf(cells)),
    cells: cells.map(({ rationale: _, ...c }) => c),
  };
}

export async function recommendationScorecard(db: Database, key: string, asOf: string = todayUtc()) {
  const { stateRows, recRows, cells } = await cellsAsOf(db, asOf, { recommendationKey: key });
  const rec = recRows[0];
  if (!rec) throw notFound(`Recommendation ${key}`);
  return {
    key: rec.key,
    title: rec.title,
    asOf,
    methodologyVersion,
    regional: summarise(statusesOf(cells)),
    states: cells.map((c) => ({ ...c, name: stateRows.find((s) => s.iso3 === c.iso3)?.name ?? c.iso3 })),
  };
}

/** Score and coverage after each date something took effect, for a State, a recommendation, one cell or the region. */
export async function scoreTimeline(db: Database, scope: Scope) {
  const [{ stateRows, recRows }, history] = await Promise.all([catalogue(db, scope), approvedHistory(db, scope)]);
  if (scope.iso3 && stateRows.length === 0) throw notFound(`State ${scope.iso3}`);
  if (scope.recommendationKey && recRows.length === 0) throw notFound(`Recommendation ${scope.recommendationKey}`);
  const cellsInScope = stateRows.flatMap((s) => recRows.map((r) => cellKey(s.iso3, r.key)));
  return { methodologyVersion, iso3: scope.iso3 ?? null, key: scope.recommendationKey ?? null, points: timelineOf(history, cellsInScope) };
}

/** What moved between two dates, up or down, with the judgement that moved it. */
export async function scoreChanges(db: Database, since: string, until: string = todayUtc()) {
  const [{ stateRows, recRows }, before, after] = await Promise.all([
    catalogue(db, {}),
    assessmentsInForce(db, since),
    assessmentsInForce(db, until),
  ]);
  const changes = [];
  for (const s of stateRows) {
    for (const r of recRows) {
      const key = cellKey(s.iso3, r.key);
      const from = before.get(key);
      const to = after.get(key);
      const moved = movement(from?.status ?? null, to?.status ?? null);
      if (moved === 'same') continue;
      changes.push({
        iso3: s.iso3,
        stateName: s.name,
        recommendationKey: r.key,
        recommendationTitle: r.title,
        from: from?.status ?? null,
        to: to?.status ?? null,
        movement: moved,
        why: to ? { assessmentId: to.id, effectiveFrom: to.effectiveFrom, rationale: to.rationale } : null,
      });
    }
  }
  return { since, until, methodologyVersion, changes };
}
