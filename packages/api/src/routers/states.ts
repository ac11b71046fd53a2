import { getState, listStates } from '@tracker/db';
import { notFound, stateInput } from '@tracker/domain';
import { publicProcedure, router } from '../trpc';

export const statesRouter = router({
  list: publicProcedure('states.list').query(({ ctx }) => listStates(ctx.db)),
  get: publicProcedure('states.get')
    .input(stateInput)
    .query(async ({ ctx, input }) => {
      const row = await getState(ctx.db, input.iso3);
      if (!row) throw notFound(`State ${input.iso3}`);
      return row;
    }),
});
