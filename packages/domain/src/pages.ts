import type { Role } from './vocabulary';

/**
 * Every page of the dashboard, below the language segment (`/th/states/KHM` is `states/:iso3`). The
 * web's router is built from this table and the server answers from it: a path that matches no page
 * is a 404, public pages are listed in the sitemap, and each page's title (a key of the web's locale
 * files) goes into the HTML the server sends, so a shared link previews with its name. Pages without
 * a `titleKey` are named by what they show (a State, a recommendation, an evidence item).
 */
export const pages = {
  overview: { path: '', titleKey: 'overview.title', public: true },
  recommendation: { path: 'recommendations/:key', public: true },
  state: { path: 'states/:iso3', public: true },
  compare: { path: 'compare', titleKey: 'compare.title', public: true },
  evidenceExplorer: { path: 'evidence', titleKey: 'explorer.title', public: true },
  evidence: { path: 'evidence/:id', public: true },
  methodology: { path: 'methodology', titleKey: 'methodology.title', public: true },
  openData: { path: 'data', titleKey: 'openData.title', public: true },
  apiReference: { path: 'data/api', titleKey: 'apiReference.title', public: true },
  subscribe: { path: 'subscriptions', titleKey: 'subscribe.title', public: true },
  share: { path: 'share', titleKey: 'share.title', public: true },
  confirmSubscription: { path: 'subscriptions/confirm', titleKey: 'subscribe.confirmTitle', public: false },
  unsubscribe: { path: 'subscriptions/unsubscribe', titleKey: 'subscribe.unsubscribeTitle', public: false },
  signIn: { path: 'sign-in', titleKey: 'auth.signInTitle', public: false },
  setup: { path: 'setup', titleKey: 'auth.setupTitle', public: false },
  resetPassword: { path: 'reset-password', titleKey: 'auth.resetTitle', public: false },
  account: { path: 'account', titleKey: 'account.title', public: false },
  inbox: { path: 'inbox', titleKey: 'inbox.title', public: false },
  workspace: { path: 'workspace', titleKey: 'workspace.title', public: false },
  newEvidence: { path: 'workspace/evidence/new', titleKey: 'form.newTitle', public: false },
  editEvidence: { path: 'workspace/evidence/:id', titleKey: 'form.editTitle', public: false },
  assess: { path: 'workspace/assess', titleKey: 'assess.title', public: false },
  followUp: { path: 'workspace/follow-up', titleKey: 'followUp.title', public: false },
  intake: { path: 'workspace/intake', titleKey: 'intake.title', public: false },
  review: { path: 'review', titleKey: 'review.title', public: false },
  admin: { path: 'admin', titleKey: 'admin.title', public: false },
  audit: { path: 'admin/audit', titleKey: 'audit.title', public: false },
  accessLog: { path: 'admin/access', titleKey: 'accessLog.title', public: false },
  translations: { path: 'admin/translations', titleKey: 'translations.title', public: false },
} as const satisfies Record<string, { path: string; titleKey?: string; public: boolean }>;

export type PageName = keyof typeof pages;

/** Where each role lands after signing in: where its work is. */
export const landingPages = { monitor: 'workspace', reviewer: 'review', admin: 'admin', policymaker: 'overview' } as const satisfies Record<Role, PageName>;
export interface PageMatch {
  name: PageName;
  params: Record<string, string>;
}

/** The title key of a page named by a fixed text, or undefined for pages named by what they show. */
export const titleKeyOf = (name: PageName): string | undefined => (pages[name] as { titleKey?: string }).titleKey;

const PARAM_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The page a path (below the language segment, without query) shows, with its parameters; null for
 * none. A fixed segment wins over a parameter (`workspace/evidence/new`). Trailing slashes are ignored.
 */
export function matchPage(path: string): PageMatch | null {
  const segments = path.split('/').filter((s) => s !== '');
  let best: (PageMatch & { fixed: number }) | null = null;
  for (const [name, page] of Object.entries(pages) as [PageName, (typeof pages)[PageName]][]) {
    const pattern = page.path.split('/').filter((s) => s !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let fixed = 0;
    const fits = pattern.every((part, i) => {
      const segment = decodeSegment(segments[i] ?? '');
      if (part.startsWith(':')) {
        if (segment === null || !PARAM_PATTERN.test(segment)) return false;
        params[part.slice(1)] = segment;
        return true;
      }
      fixed++;
      return segment === part;
    });
    if (fits && (!best || fixed > best.fixed)) best = { name, params, fixed };
  }
  return best ? { name: best.name, params: best.params } : null;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
