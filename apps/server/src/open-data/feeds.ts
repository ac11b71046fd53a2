import type { IncomingMessage, ServerResponse } from 'node:http';
import { assessmentHistory, getState, listCommitments, listEvidence, listReplies, type DbHandle } from '@tracker/db';
import { todayUtc } from '@tracker/domain';
import { Feed } from 'feed';
import { refuse } from '../http/respond';
import { sendCacheable } from './exports';

const route = /^\/feeds\/(all|[A-Z]{3}|commitments-overdue)\.atom$/;
export const isFeedRoute = (pathname: string) => route.test(pathname);

const ENTRIES = 50;

// RFC 4287 asks for an author on the feed or every entry. The tracker publishes as a team: each
// entry was verified by a second person, and no monitor or reviewer is named in public.
const authorOf = (base: string) => ({ name: 'Scam-centre trafficking tracker', link: base });
const copyright = 'Catalogue from the UN Human Rights Office briefing paper of August 2023 (CC BY 3.0 IGO).';

/**
 * Atom feeds of newly verified public evidence, approved assessments and accepted replies of States,
 * overall and per State, and of commitments now overdue, so anyone can follow changes in a feed
 * reader without an account.
 */
export async function serveFeed(handle: DbHandle, url: URL, base: string, req: IncomingMessage, res: ServerResponse) {
  const scope = route.exec(url.pathname)?.[1] ?? 'all';
  if (scope === 'commitments-overdue') {
    await serveOverdueFeed(handle, base, req, res);
    return;
  }
  const iso3 = scope === 'all' ? undefined : scope;
  const state = iso3 ? await getState(handle.db, iso3) : null;
  if (iso3 && !state) {
    refuse(res, 'NOT_FOUND', `There is no State ${iso3} in the catalogue.`, [{ path: 'iso3', message: `There is no State ${iso3} in the catalogue.` }]);
    return;
  }
  const [evidence, assessments, replies] = await Promise.all([
    listEvidence(handle.db, null, { limit: ENTRIES, ...(iso3 ? { iso3 } : {}) }),
    assessmentHistory(handle.db, null, { iso3 }),
    listReplies(handle.db, null, iso3 ? { iso3 } : {}),
  ]);
  const author = authorOf(base);
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
    ...replies.map((r) => ({
      id: `${base}/replies/${r.id}`,
      title: `${r.iso3} · ${r.recommendationKey}: the State’s ${r.kind.replaceAll('_', ' ')} of ${r.publishedOn}`,
      link: `${base}/states/${r.iso3}`,
      date: new Date(r.acceptedAt ?? r.publishedOn),
      published: new Date(r.acceptedAt ?? r.publishedOn),
      description: r.answer ? `${r.summary}\n\nThe tracker’s answer: ${r.answer}` : r.summary,
      author: [author],
    })),
  ]
    .sort((a, b) => b.date.getTime() - a.date.getTime())
    .slice(0, ENTRIES);

  const feed = new Feed({
    id: `${base}/feeds/${scope}.atom`,
    title: state ? `Scam-centre trafficking tracker: ${state.name}` : 'Scam-centre trafficking tracker',
    description: 'Newly verified public evidence, approved assessments and accepted replies of States.',
    link: state ? `${base}/states/${state.iso3}` : base,
    feedLinks: { atom: `${base}/feeds/${scope}.atom` },
    updated: entries[0]?.date ?? new Date(0),
    copyright,
    generator: 'scam-centre-tracker',
    author,
  });
  for (const entry of entries) feed.addItem(entry);
  sendCacheable(req, res, feed.atom1(), 'application/atom+xml; charset=utf-8');
}

/** Commitments past their deadline and neither met nor withdrawn today, the longest overdue first. */
async function serveOverdueFeed(handle: DbHandle, base: string, req: IncomingMessage, res: ServerResponse) {
  const today = todayUtc();
  const overdue = (await listCommitments(handle.db, null, { state: 'overdue', asOf: today })).sort((a, b) => (a.dueBy ?? '').localeCompare(b.dueBy ?? ''));
  const author = authorOf(base);
  const fellDue = (dueBy: string | null) => new Date(new Date(`${dueBy ?? today}T00:00:00Z`).getTime() + 86_400_000);
  const feed = new Feed({
    id: `${base}/feeds/commitments-overdue.atom`,
    title: 'Scam-centre trafficking tracker: overdue commitments',
    description: 'Commitments of States past their deadline and neither met nor withdrawn.',
    link: base,
    feedLinks: { atom: `${base}/feeds/commitments-overdue.atom` },
    updated: overdue.reduce((latest, c) => (fellDue(c.dueBy) > latest ? fellDue(c.dueBy) : latest), new Date(0)),
    copyright,
    generator: 'scam-centre-tracker',
    author,
  });
  for (const c of overdue.slice(0, ENTRIES)) {
    feed.addItem({
      id: `${base}/commitments/${c.id}`,
      title: `${c.iso3}: overdue since ${c.dueBy ?? ''} (${c.recommendationKeys.join(', ')})`,
      link: `${base}/states/${c.iso3}`,
      date: fellDue(c.dueBy),
      published: fellDue(c.dueBy),
      description: c.text,
      author: [author],
    });
  }
  sendCacheable(req, res, feed.atom1(), 'application/atom+xml; charset=utf-8');
}
