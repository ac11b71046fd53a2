import { getRecommendation, listFrameworks, listRecommendations } from '@tracker/db';
import { notFound, recommendationInput } from '@tracker/domain';
import { publicProcedure, router } from '../trpc';

export const catalogueRouter = router({
  frameworks: publicProcedure('catalogue.frameworks').query(({ ctx }) => listFrameworks(ctx.db)),
  recommendations: publicProcedure('catalogue.recommendations').query(({ ctx }) => listRecommendations(ctx.db)),
  recommendation: publicProcedure('catalogue.recommendation')
    .input(recommendationInput)
    .query(async ({ ctx, input }) => {
      const row = await getRecommendation(ctx.db, input.key);
      if (!row) throw notFound(`Recommendation ${input.key}`);
      return row;
    }),
});
