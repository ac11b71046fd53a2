import { logAccess, type EvidenceView } from '@tracker/db';
import type { AccessAction, Visibility } from '@tracker/domain';
import { viewerOf, type Context } from './trpc';

interface Protection {
  visibility?: Visibility | undefined;
  containsPersonalData?: boolean | undefined;
}

/** Content that is testimony or may be: confidential, or flagged as personal data. */
export const isConfidential = (content: Protection) => content.visibility === 'confidential' || content.containsPersonalData === true;

/** An item whose content, as published or as a change proposes it, is confidential. */
export const hasConfidentialContent = (item: Pick<EvidenceView, 'visibility' | 'containsPersonalData' | 'pendingChange'>) =>
  isConfidential(item) || (item.pendingChange ? isConfidential(item.pendingChange.content) : false);

/** Logs that the signed-in caller read these records (the public never reads anything logged). */
export async function logReads(ctx: Context, action: AccessAction, entityType: string, ids: readonly string[]): Promise<void> {
  const viewer = viewerOf(ctx);
  if (!viewer || ids.length === 0) return;
  const clientAddress = ctx.http?.clientAddress ?? null;
  await logAccess(ctx.db, ids.map((entityId) => ({ userId: viewer.id, action, entityType, entityId, clientAddress })));
}

/** Logs the reads of items whose content is confidential. */
export const logConfidentialReads = (ctx: Context, items: readonly Pick<EvidenceView, 'id' | 'visibility' | 'containsPersonalData' | 'pendingChange'>[]) =>
  logReads(ctx, 'evidence.read', 'evidence', items.filter(hasConfidentialContent).map((i) => i.id));
