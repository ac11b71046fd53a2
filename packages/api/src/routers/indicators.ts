import { listIndicatorSeries } from '@tracker/db';
import { optionalStateFilter } from '@tracker/domain';
import { publicProcedure, router } from '../trpc';

export const indicatorsRouter = router({
  series: publicProcedure('indicators.series')
    .input(optionalStateFilter)
    .query(({ ctx, input }) => listIndicatorSeries(ctx.db, { iso3: input?.iso3 })),
});
