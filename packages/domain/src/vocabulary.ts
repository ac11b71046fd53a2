/**
 * Every enumerated value of the domain, written once. The database check constraints, the zod
 * schemas and the web app's labels are all derived from these lists.
 */

export const roles = ['admin', 'reviewer', 'monitor', 'policymaker'] as const;
export type Role = (typeof roles)[number];

export const stateRoles = ['origin', 'transit', 'destination'] as const;
export type StateRole = (typeof stateRoles)[number];

/** Whom a recommendation addresses: States by their role in the phenomenon, business, or all States. */
export const addressees = ['all', 'origin', 'transit', 'destination', 'business'] as const;
export type Addressee = (typeof addressees)[number];

export const siteKinds = ['sez', 'compound', 'casino_hub', 'locality', 'other'] as const;
export type SiteKind = (typeof siteKinds)[number];

export const siteStatuses = ['reported_active', 'raided', 'closed', 'relocated'] as const;
export type SiteStatus = (typeof siteStatuses)[number];

export const observationQualifiers = ['exact', 'about', 'at_least', 'over'] as const;
export type ObservationQualifier = (typeof observationQualifiers)[number];
/** A figure the source gives as a floor ("at least", "over"): the true value may be higher. */
export const isLowerBound = (qualifier: ObservationQualifier) => qualifier === 'at_least' || qualifier === 'over';

export const evidenceKinds = [
  'law_regulation',
  'policy_plan',
  'court_decision',
  'enforcement_action',
  'official_statement',
  'un_ngo_report',
  'media_report',
  'testimony',
  'dataset',
  'other',
] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const directions = ['progress', 'setback', 'context'] as const;

/**
 * The orders evidence is listed in: by the source's own publication date (items without one after
 * those with one), newest or oldest first, or the best graded first (reliability, then
 * credibility, then newest).
 */
export const evidenceSorts = ['newest', 'oldest', 'best_graded'] as const;
export type EvidenceSort = (typeof evidenceSorts)[number];

/** The filters the evidence explorer counts items by. */
export const evidenceFacetNames = ['iso3', 'recommendationKey', 'kind', 'direction'] as const;
export type EvidenceFacetName = (typeof evidenceFacetNames)[number];
export type Direction = (typeof directions)[number];

/** Admiralty grading: reliability of the source (A best) and credibility of the information (1 best). */
export const reliabilityGrades = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof reliabilityGrades)[number];
export const credibilityGrades = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof credibilityGrades)[number];

export const visibilities = ['public', 'restricted', 'confidential'] as const;
export type Visibility = (typeof visibilities)[number];

export const evidenceStatuses = ['draft', 'submitted', 'verified', 'rejected'] as const;
export type EvidenceStatus = (typeof evidenceStatuses)[number];

export const assessmentStatuses = [
  'not_assessed',
  'regressed',
  'no_action',
  'committed',
  'framework_adopted',
  'implementing',
  'effective',
] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

export const reviewStates = ['proposed', 'approved', 'returned'] as const;
export type ReviewState = (typeof reviewStates)[number];

/** What a State's own word on a recommendation is: entered by a monitor from the State's communication. */
export const replyKinds = ['official_reply', 'self_assessment', 'review_response', 'other'] as const;
export type ReplyKind = (typeof replyKinds)[number];

/** Where a State's reply or commitment stands in review; the public reads accepted ones only. */
export const acceptanceStates = ['proposed', 'accepted', 'returned'] as const;
export type AcceptanceState = (typeof acceptanceStates)[number];

/** A commitment's state on a date, derived from its dates, never typed (see commitmentState). */
export const commitmentStates = ['open', 'due_soon', 'overdue', 'met', 'withdrawn'] as const;
export type CommitmentState = (typeof commitmentStates)[number];

/** What became of information sent from outside through /share. */
export const intakeStatuses = ['new', 'converted', 'discarded'] as const;
export type IntakeStatus = (typeof intakeStatuses)[number];

/** The interface languages (BCP 47). The catalogue can carry translations into each but English. */
export const translatedLanguages = ['th', 'vi', 'id', 'ms', 'fil', 'km', 'my', 'lo', 'zh-Hans'] as const;
export const interfaceLanguages = ['en', ...translatedLanguages] as const;
export type InterfaceLanguage = (typeof interfaceLanguages)[number];

/** Catalogue texts that can be translated: what, and which of its fields. */
export const translatableFields = {
  state: ['name'],
  group: ['title'],
  recommendation: ['title', 'paraphrase'],
} as const;
export type TranslatableEntity = keyof typeof translatableFields;

/**
 * Where the interface texts (the web's locale files) hold the tracker's own version of a catalogue
 * text: a State's CLDR name, or the tracker's translation of a recommendation or group (`A.1` is
 * `A_1` there, as a dot separates keys).
 */
export const shippedTextKey = (entity: TranslatableEntity, key: string, field: string) =>
  entity === 'state' ? `place.${key}` : `catalogueTranslation.${entity}.${key.replaceAll('.', '_')}.${field}`;

/** What the access log records: reads of confidential content, downloads of non-public files, exports. */
/**
 * Attachment types the dashboard shows in place (`?preview`): images and PDFs, whose type was
 * sniffed from their bytes when attached. Every other file is only ever a download.
 */
export const previewableMediaTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'] as const;

/** Every change the audit ledger records; each has a readable name in the dashboard. */
export const auditActions = [
  'evidence.create',
  'evidence.update',
  'evidence.protect',
  'evidence.propose',
  'evidence.submit',
  'evidence.verify',
  'evidence.reject',
  'evidence.verify_change',
  'evidence.reject_change',
  'evidence.retract',
  'evidence.attach',
  'evidence.import',
  'evidence.erase',
  'assessment.propose',
  'assessment.approve',
  'assessment.return',
  'reply.create',
  'reply.accept',
  'reply.return',
  'commitment.create',
  'commitment.accept',
  'commitment.return',
  'commitment.met',
  'commitment.withdraw',
  'intake.convert',
  'intake.discard',
  'user.create',
  'user.update',
  'user.password',
  'user.totp.enable',
  'user.totp.disable',
  'role.policy',
  'catalogue.seed',
  'catalogue.create',
  'catalogue.update',
  'catalogue.translation.set',
  'catalogue.translation.remove',
  'demo.seed',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const accessActions = ['evidence.read', 'evidence.revisions', 'attachment.download', 'export', 'intake.read'] as const;
export type AccessAction = (typeof accessActions)[number];

/**
 * What the tracker tells a person, in their inbox and (if they want it) by mail: a decision on their
 * evidence or a change they proposed, on their assessment, items awaiting their review (one digest
 * a day), and changes to their account's security.
 */
export const noticeKinds = [
  'evidence_verified',
  'evidence_rejected',
  'change_verified',
  'change_rejected',
  'assessment_approved',
  'assessment_returned',
  'review_digest',
  'password_changed',
  'totp_enabled',
  'totp_disabled',
  'followed_evidence',
  'followed_assessment',
  'followed_commitment_due',
  'followed_commitment_overdue',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** What a person chooses to get by mail; the inbox always has everything. */
export const mailTopics = ['decisions', 'review_digest', 'account_security', 'following'] as const;
export type MailTopic = (typeof mailTopics)[number];

/**
 * What mail a member of the public subscribed by e-mail gets: the confirmation of their address,
 * and what the public feeds show about the States they chose (verified public evidence, approved
 * assessments).
 */
export const subscriberMailKinds = ['subscription_confirm', 'followed_evidence', 'followed_assessment', 'followed_commitment_due', 'followed_commitment_overdue'] as const;
export type SubscriberMailKind = (typeof subscriberMailKinds)[number];

export function mailTopicOf(kind: NoticeKind): MailTopic {
  if (kind === 'review_digest') return 'review_digest';
  if (kind === 'password_changed' || kind === 'totp_enabled' || kind === 'totp_disabled') return 'account_security';
  if (kind.startsWith('followed_')) return 'following';
  return 'decisions';
}
