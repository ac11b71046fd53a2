import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { indicators, observations } from '../schema';

export async function listIndicatorSeries(db: Database, filter: { iso3?: string | undefined } = {}) {
  const [series, points] = await Promise.all([
    db
      .select({
        id: indicators.id,
        key: indicators.key,
        name: indicators.name,
        unit: indicators.unit,
        description: indicators.description,
      })
      .from(indicators)
      .orderBy(asc(indicators.key)),
    db
      .select({
        indicatorId: observations.indicatorId,
        iso3: observations.iso3,
        observedOn: observations.observedOn,
        value: observations.value,
        qualifier: observations.qualifier,
        citation: observations.citation,
        sourceUrl: observations.sourceUrl,
      })
      .from(observations)
      .where(filter.iso3 ? eq(observations.iso3, filter.iso3) : undefined)
      .orderBy(asc(observations.iso3), asc(observations.observedOn)),
  ]);
  return series
    .map(({ id, ...s }) => ({
      ...s,
      observations: points
        .filter((p) => p.indicatorId === id)
        .map(({ indicatorId: _, value, ...p }) => ({ ...p, value: Number(value) })),
    }))
    .filter((s) => !filter.iso3 || s.observations.length > 0);
}
