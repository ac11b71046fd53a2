import { accessLogInput, auditListInput, ledgerHeadView } from '@tracker/domain';
import { accessLogEntries, auditEntries, ledgerHead, verifyLedger } from '@tracker/db';
import { publicProcedure, restrictedProcedure, router } from '../trpc';
import { restGet } from '../rest';

export const auditRouter = router({
  /** The newest hash: anyone can pin it and later check that history was not rewritten. */
  head: publicProcedure('audit.head')
    .meta(restGet('/audit/head', 'Integrity', 'Newest audit-ledger hash'))
    .output(ledgerHeadView)
    .query(async ({ ctx }) => ledgerHead(ctx.db)),
  verify: restrictedProcedure('audit.verify').mutation(({ ctx }) => verifyLedger(ctx.db)),
  list: restrictedProcedure('audit.list')
    .input(auditListInput)
    .query(({ ctx, input }) => auditEntries(ctx.db, input)),
  /** Who read confidential material, downloaded non-public files or exported data: kept apart from the change ledger. */
  accessLog: restrictedProcedure('audit.accessLog')
    .input(accessLogInput)
    .query(({ ctx, input }) => accessLogEntries(ctx.db, input)),
});
