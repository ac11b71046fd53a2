import { ledgerHeadView } from '@tracker/domain';
import { auditEntries, ledgerHead, verifyLedger } from '@tracker/db';
import { z } from 'zod';
import { publicProcedure, restrictedProcedure, router } from '../trpc';
import { restGet } from '../rest';

export const auditRouter = router({
  /** The newest hash: anyone can pin it and later check that history was not rewritten. */
  head: publicProcedure('audit.head')
    .meta(restGet('/audit/head', 'Integrity', 'Newest audit-ledger hash'))
    .output(ledgerHeadView).query(async ({ ctx }) => ledgerHead(ctx.db)),
  verify: restrictedProcedure('audit.verify').mutation(({ ctx }) => verifyLedger(ctx.db)),
  list: restrictedProcedure('audit.list')
    .input(z.object({ before: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => auditEntries(ctx.db, input)),
});
