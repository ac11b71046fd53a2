import { asc, count, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { sites, stateRoleClaims, states } from '../schema';

export async function listStates(db: Database) {
  const [rows, roles] = await Promise.all([
    db
      .select({
        iso3: states.iso3,
        name: states.name,
        region: states.region,
        siteCount: count(sites.id),
      })
      .from(states)
      .leftJoin(sites, eq(sites.iso3, states.iso3))
      .groupBy(states.iso3)
      .orderBy(asc(states.name)),
    db.select({ iso3: stateRoleClaims.iso3, role: stateRoleClaims.role }).from(stateRoleClaims),
  ]);
  return rows.map((s) => ({
    ...s,
    roles: roles.filter((r) => r.iso3 === s.iso3).map((r) => r.role),
  }));
}

export async function getState(db: Database, iso3: string) {
  const [row] = await db
    .select({ iso3: states.iso3, name: states.name, region: states.region })
    .from(states)
    .where(eq(states.iso3, iso3));
  if (!row) return null;
  const roles = await db
    .select({ role: stateRoleClaims.role, basis: stateRoleClaims.basis, citation: stateRoleClaims.citation })
    .from(stateRoleClaims)
    .where(eq(stateRoleClaims.iso3, iso3))
    .orderBy(asc(stateRoleClaims.role));
  return { ...row, roles };
}
