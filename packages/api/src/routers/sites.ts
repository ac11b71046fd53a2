import { listSites } from '@tracker/db';
import { optionalStateFilter } from '@tracker/domain';
import { publicProcedure, router } from '../trpc';

export const sitesRouter = router({
  list: publicProcedure('sites.list')
    .input(optionalStateFilter)
    .query(({ ctx, input }) => listSites(ctx.db, { iso3: input?.iso3 })),
});
