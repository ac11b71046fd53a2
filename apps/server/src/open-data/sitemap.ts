import { listRecommendations, listStates, type Database } from '@tracker/db';
import { interfaceLanguages } from '@tracker/domain';
import { pages } from '@tracker/domain/pages';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { segmentOf } from '../http/page-texts';
import { escapeMarkup } from '../http/pages';
import { sendCacheable } from './exports';

export const isCrawlerRoute = (pathname: string) => pathname === '/robots.txt' || pathname === '/sitemap.xml';

const languageSegments = interfaceLanguages.map(segmentOf);

/** Pages for people signed in: not for search engines (they hold nothing public, and would only ask to sign in). */
const privateTops = [...new Set(Object.values(pages).filter((p) => !p.public).map((p) => p.path.split('/')[0]))];

function robots(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /trpc/',
    ...privateTops.map((top) => `Disallow: /*/${top}`),
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}

/** Every public page in every language: the fixed ones, each State and each recommendation. */
async function sitemap(db: Database, origin: string): Promise<string> {
  const [states, recommendations] = await Promise.all([listStates(db), listRecommendations(db)]);
  const fixed = Object.values(pages).filter((p) => p.public && !p.path.includes(':')).map((p) => p.path);
  const below = [...fixed, ...states.map((s) => `states/${s.iso3}`), ...recommendations.map((r) => `recommendations/${r.key}`)];
  const urls = languageSegments.flatMap((segment) => below.map((path) => `  <url><loc>${escapeMarkup(`${origin}/${segment}/${path}`)}</loc></url>`));
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

/** `/robots.txt` and `/sitemap.xml`: what crawlers may read, and every public page to read. */
export async function serveCrawlerFile(db: Database, url: URL, origin: string, req: IncomingMessage, res: ServerResponse) {
  if (url.pathname === '/robots.txt') sendCacheable(req, res, robots(origin), 'text/plain; charset=utf-8');
  else sendCacheable(req, res, await sitemap(db, origin), 'application/xml; charset=utf-8');
}
