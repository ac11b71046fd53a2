import { accessLogInput, auditListInput, ledgerHeadView } from '@tracker/domain';
import { accessLogEntries, auditEntries, ledgerHead, verifyLedger, verifyRecordStates } from '@tracker/db';
import { z } from 'zod';
import { publicProcedure, restrictedProcedure, router } from '../trpc';
import { restGet } from '../rest';

export const auditRouter = router({
  /** The newest hash: anyone can pin it and later check that history was not rewritten. */
  head: publicProcedure('audit.head')
    .meta(restGet('/audit/head', 'Integrity', 'Newest audit-ledger hash'))
    .output(ledgerHeadView)
    .query(async ({ ctx }) => ledgerHead(ctx.db)),
  verify: restrictedProcedure('audit.verify')
    .input(z.object({ deep: z.boolean().default(false) }).default({ deep: false }))
    .mutation(async ({ ctx, input }) => {
      const chain = await verifyLedger(ctx.db);
      if (!chain.ok || !input.deep) return chain;
      const records = await verifyRecordStates(ctx.db);
      return records.ok
        ? { ...chain, records: records.records }
        : { ok: false as const, entries: chain.entries, firstBroken: { seq: records.first.seq, reason: `${records.first.entityType} ${records.first.entityId}: ${records.first.reason}` } };
    }),
  list: restrictedProcedure('audit.list')
    .input(auditListInput)
    .query(({ ctx, input }) => auditEntries(ctx.db, input)),
  /** Who read confidential material, downloaded non-public files or exported data: kept apart from the change ledger. */
  accessLog: restrictedProcedure('audit.accessLog')
    .input(accessLogInput)
    .query(({ ctx, input }) => accessLogEntries(ctx.db, input)),
});
