import type { NoticeKind, SubscriberMailKind } from './vocabulary';

/**
 * Where a notice takes its reader, below the language segment: the same page in the inbox and in the
 * mail. The page applies the usual access rules; the notice itself carries no content.
 */
export function noticePath(kind: NoticeKind | SubscriberMailKind, entityId: string | null, iso3: string | null = null): string {
  switch (kind) {
    case 'evidence_rejected':
      return entityId ? `workspace/evidence/${entityId}` : 'workspace';
    case 'evidence_verified':
    case 'change_verified':
    case 'change_rejected':
      return entityId ? `evidence/${entityId}` : 'workspace';
    case 'assessment_approved':
    case 'assessment_returned':
      return 'workspace';
    case 'review_digest':
      return 'review';
    case 'followed_evidence':
      return entityId ? `evidence/${entityId}` : 'evidence';
    case 'followed_assessment':
    case 'followed_commitment_due':
    case 'followed_commitment_overdue':
      return iso3 ? `states/${iso3}` : '';
    case 'subscription_confirm':
      return 'subscriptions';
    case 'password_changed':
    case 'totp_enabled':
    case 'totp_disabled':
      return 'account';
  }
}
