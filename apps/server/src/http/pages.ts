import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRecommendation, listCatalogueTranslations, stateScorecard, type Database } from '@tracker/db';
import { AppError, interfaceLanguages, shippedTextKey, type InterfaceLanguage, type TranslatableEntity } from '@tracker/domain';
import { matchPage, titleKeyOf } from '@tracker/domain/pages';
import { languageOfSegment, segmentOf, type PageTexts } from './page-texts';

/** What the server says of a page in its HTML: whether it exists, and how a shared link previews. */
export interface PageHead {
  status: 200 | 404;
  language: InterfaceLanguage;
  title: string;
  description: string;
  /** The page's address in each language, for `hreflang` alternates (none for a page that does not exist). */
  alternates: { language: InterfaceLanguage; path: string }[];
  path: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isTranslated = (language: InterfaceLanguage): language is Exclude<InterfaceLanguage, 'en'> => language !== 'en';

/**
 * The head of the page at `pathname` (`/th/states/KHM`): its title and description in the page's
 * language, from public data only (a State's name and verified score, a recommendation's title), so
 * the same for every visitor. A path that is no page, a State or recommendation the catalogue does not
 * hold, or an evidence address that is no identifier is a 404 (the dashboard still says so itself).
 */
export async function pageHead(db: Database, texts: PageTexts, pathname: string): Promise<PageHead> {
  const [, first = '', ...rest] = pathname.split('/');
  const fromUrl = languageOfSegment(first);
  const language = fromUrl ?? 'en';
  // The path below the language, without empty segments (`/en//states/KHM` is `states/KHM`).
  const below = (fromUrl ? rest : [first, ...rest]).filter((segment) => segment !== '').join('/');
  const appName = texts(language, 'app.name');
  const named = (title: string, description = texts(language, 'app.tagline')): PageHead => ({
    status: 200,
    language,
    title: `${title} · ${appName}`,
    description,
    alternates: interfaceLanguages.map((l) => ({ language: l, path: `/${segmentOf(l)}/${below}` })),
    path: `/${segmentOf(language)}/${below}`,
  });
  const missing: PageHead = { status: 404, language, title: `${texts(language, 'notFound.title')} · ${appName}`, description: texts(language, 'app.tagline'), alternates: [], path: pathname };

  const page = matchPage(below);
  if (!page) return missing;
  // As the dashboard names a catalogue text: an administrator's translation, else the tracker's own
  // (CLDR for a State), else the English. The administrators' translations are read once, if needed.
  let translated: Promise<Map<string, string>> | undefined;
  const catalogueText = async (entity: TranslatableEntity, key: string, field: string, english: string) => {
    if (!isTranslated(language)) return english;
    translated ??= listCatalogueTranslations(db, language).then((rows) => new Map(rows.map((r) => [`${r.entity}|${r.key}|${r.field}`, r.text])));
    return (await translated).get(`${entity}|${key}|${field}`) ?? texts.own(language, shippedTextKey(entity, key, field)) ?? english;
  };
  switch (page.name) {
    case 'state': {
      const card = await stateScorecard(db, page.params['iso3'] ?? '').catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
      if (!card) return missing;
      const name = await catalogueText('state', card.iso3, 'name', card.name);
      const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${card.asOf}T00:00:00Z`));
      const description =
        card.score === null
          ? texts(language, 'head.stateNotAssessed', { name })
          : texts(language, 'head.stateScore', { name, score: new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(card.score), date });
      return named(name, description);
    }
    case 'recommendation': {
      const recommendation = await getRecommendation(db, page.params['key'] ?? '');
      if (!recommendation) return missing;
      const title = await catalogueText('recommendation', recommendation.key, 'title', recommendation.title);
      const paraphrase = await catalogueText('recommendation', recommendation.key, 'paraphrase', recommendation.paraphrase);
      return named(`${recommendation.key} ${title}`, paraphrase.length > 300 ? `${paraphrase.slice(0, 299)}…` : paraphrase);
    }
    case 'evidence':
    case 'editEvidence':
      // Named generically: an item's title is not said before the dashboard asks with the reader's rights.
      return UUID.test(page.params['id'] ?? '') ? named(texts(language, 'explorer.title')) : missing;
    default: {
      const key = titleKeyOf(page.name);
      return named(key ? texts(language, key) : appName);
    }
  }
}

/** Text made safe inside HTML or XML, in an element or a quoted attribute. */
export const escapeMarkup = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The built index.html with the page's language, title, description, Open Graph tags and language
 * alternates in place of the generic ones.
 */
export function withHead(index: string, head: PageHead, origin: string): string {
  const url = `${origin}${head.path}`;
  const tags = [
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="${escapeMarkup(head.title.split(' · ').at(-1) ?? '')}" />`,
    `<meta property="og:title" content="${escapeMarkup(head.title)}" />`,
    `<meta property="og:description" content="${escapeMarkup(head.description)}" />`,
    `<meta property="og:url" content="${escapeMarkup(url)}" />`,
    `<meta property="og:locale" content="${escapeMarkup(head.language.replace('-', '_'))}" />`,
    `<meta name="twitter:card" content="summary" />`,
    ...(head.status === 200 ? [`<link rel="canonical" href="${escapeMarkup(url)}" />`] : [`<meta name="robots" content="noindex" />`]),
    ...head.alternates.map((a) => `<link rel="alternate" hreflang="${escapeMarkup(a.language)}" href="${escapeMarkup(`${origin}${a.path}`)}" />`),
  ];
  return index
    .replace(/<html lang="[^"]*"/, `<html lang="${escapeMarkup(head.language)}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeMarkup(head.title)}</title>`)
    .replace(/<meta name="description" content="[^"]*" \/>/, `<meta name="description" content="${escapeMarkup(head.description)}" />`)
    .replace('</head>', `    ${tags.join('\n    ')}\n  </head>`);
}

/**
 * Sends the dashboard's page for `pathname`: the built index.html with the page's head, and 404 for a
 * page that does not exist. When the database cannot say, the page is sent as the generic shell (the
 * dashboard then says what is wrong), never an error instead of the page.
 */
export async function sendPage(db: Database, texts: PageTexts, index: string, origin: string, req: IncomingMessage, res: ServerResponse) {
  const pathname = new URL(req.url ?? '/', 'http://page').pathname;
  const head = await pageHead(db, texts, pathname).catch(() => null);
  const body = Buffer.from(head ? withHead(index, head, origin) : index);
  res.writeHead(head?.status ?? 200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
