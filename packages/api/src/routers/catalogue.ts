import { exportCatalogue, getRecommendation, importCatalogue, listFrameworks, listRecommendations } from '@tracker/db';
import { catalogueDocument, notFound, recommendationInput } from '@tracker/domain';
import { publicProcedure, restrictedProcedure, router } from '../trpc';

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
  /** The whole catalogue as one JSON document (frameworks, groups, recommendations). */
  export: publicProcedure('catalogue.export').query(({ ctx }) => exportCatalogue(ctx.db)),
  /** Adds or updates frameworks, groups and recommendations from such a document; deletes nothing. */
  import: restrictedProcedure('catalogue.import')
    .input(catalogueDocument)
    .mutation(({ ctx, input }) => importCatalogue(ctx.db, ctx.user, input)),
});
