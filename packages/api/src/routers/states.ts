import { z } from 'zod';
import { getState, listStates } from '@tracker/db';
import {
  notFound,
  stateInput,
  stateListItem,
  stateView,
} from '@tracker/domain';
import { publicProcedure, router } from '../trpc';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';

export const statesRouter = router({
  list: publicProcedure('states.list')
    .meta(restGet('/states', 'Catalogue', 'States followed by the tracker', 'Each State with its roles in the trafficking chain (origin, transit, destination) and how many sites are recorded.'))
    .output(z.array(stateListItem)).query(({ ctx, path }) => publicAnswer({ ctx, path }, () => listStates(ctx.db))),
  get: publicProcedure('states.get')
    .meta(restGet('/states/{iso3}', 'Catalogue', 'One State', 'The State with each role and the source that establishes it.'))
    .input(stateInput)
    .output(stateView)
    .query(({ ctx, input, path }) =>
      publicAnswer({ ctx, path, input }, async () => {
        const row = await getState(ctx.db, input.iso3);
        if (!row) throw notFound(`State ${input.iso3}`);
        return row;
      }),
    ),
});
