import { z } from 'zod';
import { listIndicatorSeries } from '@tracker/db';
import {
  indicatorSeriesView,
  optionalStateFilter,
} from '@tracker/domain';
import { publicProcedure, router } from '../trpc';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';

export const indicatorsRouter = router({
  series: publicProcedure('indicators.series')
    .meta(restGet('/indicators', 'Catalogue', 'Indicator series', 'Observed figures (for example people held or rescued) with qualifier and citation. Filter by `iso3`.'))
    .input(optionalStateFilter)
    .output(z.array(indicatorSeriesView))
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => listIndicatorSeries(ctx.db, { iso3: input?.iso3 }))),
});
