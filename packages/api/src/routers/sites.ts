import { z } from 'zod';
import { listSites } from '@tracker/db';
import {
  optionalStateFilter,
  siteView,
} from '@tracker/domain';
import { publicProcedure, router } from '../trpc';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';

export const sitesRouter = router({
  list: publicProcedure('sites.list')
    .meta(restGet('/sites', 'Catalogue', 'Scam-centre sites', 'Special economic zones, compounds and hubs named in sources, with their reported status over time. Filter by `iso3`.'))
    .input(optionalStateFilter)
    .output(z.array(siteView))
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => listSites(ctx.db, { iso3: input?.iso3 }))),
});
