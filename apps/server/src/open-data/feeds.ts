import type { IncomingMessage, ServerResponse } from 'node:http';
import { assessmentHistory, getState, listEvidence, type DbHandle } from '@tracker/db';
import { Feed } from 'feed';
import { refuse } from '../http/respond';
import { sendCacheable } from './exports';

const route = /^\/feeds\/(all|[A-Z]{3})\.atom$/;
export const isFeedRoute = (pathname: string) => route.test(pathname);

const ENTRIES = 50;

/**
 * Atom feeds of newly verified public evidence and of approved assessments, overall and per State,
 * so anyone can follow changes in a feed reader without an account.
 */
export async function serveFeed(handle: DbHandle, url: URL, base: string, req: IncomingMessage, res: ServerResponse) {
  const scope = route.exec(url.pathname)?.[1] ?? 'all';
  const iso3 = scope === 'all' ? undefined : scope;
  const state = iso3 ? await getState(handle.db, iso3) : null;
  if (iso3 && !state) {
    refuse(res, 'NOT_FOUND', `There is no State ${iso3} in the catalogue.`, [{ path: 'iso3', message: `There is no State ${iso3} in the catalogue.` }]);
    return;
  }
  const [evidence, assessments] = await Promise.all([
    listEvidence(handle.db, null, { limit: ENTRIES, ...(iso3 ? { iso3 } : {}) }),
    assessmentHistory(handle.db, null, { iso3 }),
  ]);
  // RFC 4287 asks for an author on the feed or every entry. The tracker publishes as a team: each
  // entry was verified by a second person, and no monitor or reviewer is named in public.
  const author = { name: 'Scam-centre trafficking tracker', link: base };
  const entries = [
    ...evidence.items.map((e) => ({
      id: `${base}/evidence/${e.id}`,
      title: `${e.iso3}: ${e.title}${e.isDemo ? ' [demo]' : ''}`,
      link: `${base}/evidence/${e.id}`,
      date: new Date(e.verifiedAt ?? e.createdAt),
      published: new Date(e.verifiedAt ?? e.createdAt),
      description: e.summary,
      author: [author],
    })),
    ...assessments
      .filter((a) => a.reviewedAt)
      .map((a) => ({
        id: `${base}/assessments/${a.id}`,
        title: `${a.iso3} · ${a.recommendationKey}: ${a.status.replaceAll('_', ' ')} from ${a.effectiveFrom}${a.isDemo ? ' [demo]' : ''}`,
        link: `${base}/states/${a.iso3}`,
        date: new Date(a.reviewedAt as string),
        published: new Date(a.reviewedAt as string),
        description: a.rationale,
        author: [author],
      })),
  ]
    .sort((a, b) => b.date.getTime() - a.date.getTime())
    .slice(0, ENTRIES);

  const feed = new Feed({
    id: `${base}/feeds/${scope}.atom`,
    title: state ? `Scam-centre trafficking tracker: ${state.name}` : 'Scam-centre trafficking tracker',
    description: 'Newly verified public evidence and approved assessments.',
    link: state ? `${base}/states/${state.iso3}` : base,
    feedLinks: { atom: `${base}/feeds/${scope}.atom` },
    updated: entries[0]?.date ?? new Date(0),
    copyright: 'Catalogue from the UN Human Rights Office briefing paper of August 2023 (CC BY 3.0 IGO).',
    generator: 'scam-centre-tracker',
    author,
  });
  for (const entry of entries) feed.addItem(entry);
  sendCacheable(req, res, feed.atom1(), 'application/atom+xml; charset=utf-8');
}
