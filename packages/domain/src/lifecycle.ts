import { AppError } from './errors';
import type { EvidenceStatus, Role, Visibility } from './vocabulary';

/**
 * Who may do what to an item of evidence or an assessment, and what an edit does to it. The data
 * layer enforces these and the dashboard uses them to offer only the actions that will succeed, so
 * each rule exists once.
 *
 * Four eyes over every change: neither an item's author nor whoever last changed its content may
 * decide on it. An edit to a verified item does not touch what is published: it becomes a proposed
 * change that another person verifies (applied) or rejects (dropped), so nothing public changes or
 * disappears without a second person, and only a retraction, with its visible reason, withdraws a
 * verified item.
 */

export interface Actor {
  id: string;
  role: Role;
}

/** The facts about an item that the rules look at. */
export interface EvidenceState {
  status: EvidenceStatus;
  createdBy: string;
  /** Who last changed the content (the author at first; an editor, importer or uploader later). */
  contentChangedBy: string;
  /** Who proposed the change to a verified item that awaits review, if any. */
  pendingBy: string | null;
  retracted: boolean;
  /** Erased on request: only the facts the scorecards rest on remain. */
  erased?: boolean;
}

export type Verdict = { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'CONFLICT'; reason: string };

/** Throws what a refusing verdict says, as the AppError its code names. */
export function requireAllowed(verdict: Verdict): void {
  if (!verdict.allowed) throw new AppError(verdict.code, verdict.reason);
}

const allow: Verdict = { allowed: true };
const forbid = (reason: string): Verdict => ({ allowed: false, code: 'FORBIDDEN', reason });
const conflict = (reason: string): Verdict => ({ allowed: false, code: 'CONFLICT', reason });

export const isReviewerRole = (role: Role) => role === 'reviewer' || role === 'admin';
const isStaffRole = (role: Role) => role !== 'policymaker';

/** Whether the item awaits a decision: submitted for the first time, or a change to it proposed. */
export const awaitsReview = (item: Pick<EvidenceState, 'status' | 'pendingBy'>) => item.status === 'submitted' || item.pendingBy !== null;

/**
 * `import`: a re-imported file may also correct its author's own item while it awaits its first
 * review (the file is the author's record; a reviewer who sends the revision they read is told if
 * it changed meanwhile).
 */
export function mayEditEvidence(item: EvidenceState, actor: Actor, channel: 'form' | 'import' = 'form'): Verdict {
  const mine = item.createdBy === actor.id;
  if (!isStaffRole(actor.role)) return forbid('Your role does not allow editing evidence.');
  if (item.erased) return conflict('This item was erased on request and cannot be edited.');
  if (item.retracted) return conflict('A retracted item cannot be edited.');
  if (item.status === 'verified') {
    if (!mine && !isReviewerRole(actor.role)) return forbid('Only the author or a reviewer can propose a change to this item.');
    if (item.pendingBy !== null) return conflict('A change to this item already awaits review; wait for the decision before proposing another.');
    return allow;
  }
  if (!mine) return forbid('Only the author can edit this item.');
  if (item.status === 'submitted' && channel !== 'import') return conflict('This item is under review; wait for the decision before editing.');
  return allow;
}

/** What an allowed edit does: drafts and returned items change in place; a verified item gets a proposed change. */
export const editOutcome = (item: Pick<EvidenceState, 'status'>): 'in_place' | 'proposal' => (item.status === 'verified' ? 'proposal' : 'in_place');

export function mayEraseEvidence(item: EvidenceState, actor: Actor): Verdict {
  if (actor.role !== 'admin') return forbid('Only administrators erase evidence, on request.');
  if (item.erased) return conflict('This item was already erased.');
  return allow;
}

export function maySubmitEvidence(item: EvidenceState, actor: Actor): Verdict {
  if (item.erased) return conflict('This item was erased on request.');
  if (item.createdBy !== actor.id) return forbid('Only the author can submit this item.');
  if (item.status !== 'draft' && item.status !== 'rejected') return conflict(`This item is already ${item.status}.`);
  return allow;
}

export function mayAttachToEvidence(item: EvidenceState, actor: Actor): Verdict {
  if (item.erased) return conflict('This item was erased on request.');
  if (item.createdBy !== actor.id) return forbid('Only the author can attach files to this item.');
  if (item.status !== 'draft' && item.status !== 'rejected') return conflict('Files are attached while the item is a draft; edit it first.');
  return allow;
}

export function mayReviewEvidence(item: EvidenceState, actor: Actor): Verdict {
  if (!isReviewerRole(actor.role)) return forbid('Only reviewers decide on evidence.');
  if (item.createdBy === actor.id) return forbid('You cannot review your own item: another reviewer must decide.');
  if (item.pendingBy === actor.id) return forbid('You proposed this change: another reviewer must decide on it.');
  if (item.pendingBy === null && item.contentChangedBy === actor.id) return forbid('You changed this item last: another reviewer must decide on it.');
  if (item.erased) return conflict('This item was erased on request.');
  if (!awaitsReview(item)) return conflict(`This item is ${item.status}, not awaiting review.`);
  return allow;
}

export function mayRetractEvidence(item: EvidenceState, actor: Actor): Verdict {
  if (item.erased) return conflict('This item was erased on request.');
  if (item.createdBy !== actor.id && !isReviewerRole(actor.role)) return forbid('Only the author or a reviewer can retract this item.');
  if (item.status !== 'verified') return conflict('Only verified items are retracted; a draft can simply be edited.');
  if (item.retracted) return conflict('This item is already retracted.');
  return allow;
}

export function mayReviewAssessment(assessment: { assessorId: string; reviewState: string }, actor: Actor): Verdict {
  if (!isReviewerRole(actor.role)) return forbid('Only reviewers decide on assessments.');
  if (assessment.assessorId === actor.id) return forbid('You cannot review your own proposal: another reviewer must decide.');
  if (assessment.reviewState !== 'proposed') return conflict(`This proposal was already ${assessment.reviewState}.`);
  return allow;
}

const protection: Record<Visibility, number> = { public: 0, restricted: 1, confidential: 2 };

/**
 * A change that only hides more (a more restrictive visibility, the personal-data flag set). On a
 * verified item such a change takes effect at once, since waiting for a second person would leave
 * personal data in view; loosening protection always waits for one.
 */
export function protects(before: { visibility: Visibility; containsPersonalData: boolean }, after: { visibility: Visibility; containsPersonalData: boolean }): boolean {
  return protection[after.visibility] > protection[before.visibility] || (after.containsPersonalData && !before.containsPersonalData);
}

/** The lifecycle facts of an item as the API returns it to staff (public views lack them and allow nothing). */
export function lifecycleOfView(view: {
  status: EvidenceStatus;
  createdBy?: string | undefined;
  contentChangedBy?: string | undefined;
  pendingChange?: { by: string } | null | undefined;
  retraction: unknown;
  erasure?: unknown;
}): EvidenceState {
  return {
    status: view.status,
    createdBy: view.createdBy ?? '',
    contentChangedBy: view.contentChangedBy ?? view.createdBy ?? '',
    pendingBy: view.pendingChange?.by ?? null,
    retracted: view.retraction !== null,
    erased: view.erasure !== null && view.erasure !== undefined,
  };
}
