import type { Role } from './vocabulary';

/** Who may call a procedure: anyone, or only signed-in users holding one of the listed roles. */
export type Audience = 'public' | readonly Role[];

const staff = ['admin', 'reviewer', 'monitor'] as const satisfies readonly Role[];
const reviewers = ['admin', 'reviewer'] as const satisfies readonly Role[];
const admins = ['admin'] as const satisfies readonly Role[];
const signedIn = [...staff, 'policymaker'] as const satisfies readonly Role[];

/**
 * The permission table. Every procedure of the API is listed here and takes its guard from this
 * table, so a procedure that is not listed cannot be built (deny by default), and the permission
 * tests walk this one table.
 */
export const procedureAccess = {
  'catalogue.frameworks': 'public',
  'catalogue.recommendations': 'public',
  'catalogue.recommendation': 'public',
  'catalogue.export': 'public',
  'catalogue.import': admins,
  'catalogue.translations': 'public',
  'catalogue.setTranslation': admins,
  'states.list': 'public',
  'states.get': 'public',
  'sites.list': 'public',
  'indicators.series': 'public',
  'evidence.list': 'public',
  'evidence.get': 'public',
  'evidence.facets': 'public',
  'evidence.create': staff,
  'evidence.update': staff,
  'evidence.submit': staff,
  'evidence.attach': staff,
  'evidence.review': reviewers,
  'evidence.retract': staff,
  'evidence.revisions': reviewers,
  'evidence.import': admins,
  'evidence.erase': admins,
  'assessments.history': 'public',
  'assessments.propose': staff,
  'assessments.review': reviewers,
  'scorecards.state': 'public',
  'scorecards.matrix': 'public',
  'scorecards.recommendation': 'public',
  'scorecards.timeline': 'public',
  'scorecards.changes': 'public',
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': 'public',
  'auth.setup': 'public',
  'auth.resetPassword': 'public',
  'auth.passwordLink': 'public',
  'auth.changePassword': signedIn,
  'auth.totpSetup': signedIn,
  'auth.totpEnable': signedIn,
  'auth.totpDisable': signedIn,
  'users.list': admins,
  'users.create': admins,
  'users.update': admins,
  'users.resetLink': admins,
  'users.policies': admins,
  'users.setPolicy': admins,
  'audit.head': 'public',
  'audit.verify': admins,
  'audit.list': admins,
  'notifications.list': signedIn,
  'notifications.markRead': signedIn,
  'notifications.preferences': signedIn,
  'notifications.setPreferences': signedIn,
  'audit.accessLog': admins,
  'follows.list': signedIn,
  'follows.add': signedIn,
  'follows.remove': signedIn,
  'subscriptions.subscribe': 'public',
  'subscriptions.confirm': 'public',
  'subscriptions.unsubscribe': 'public',
  'replies.list': 'public',
  'replies.create': staff,
  'replies.review': reviewers,
  'commitments.list': 'public',
  'commitments.create': staff,
  'commitments.review': reviewers,
  'commitments.close': reviewers,
  'intake.challenge': 'public',
  'intake.submit': 'public',
  'intake.list': staff,
  'intake.file': staff,
  'intake.triage': staff,
} as const satisfies Record<string, Audience>;

export type ProcedurePath = keyof typeof procedureAccess;

/** What an account whose role requires a second factor may still do before setting one up. */
export const allowedBeforeTotpEnrolment: readonly ProcedurePath[] = ['auth.changePassword', 'auth.totpSetup', 'auth.totpEnable'];

export function mayCall(path: ProcedurePath, role: Role | null): boolean {
  const audience: Audience = procedureAccess[path];
  if (audience === 'public') return true;
  return role !== null && audience.includes(role);
}
