import { z } from 'zod';
import {
  exportCatalogue,
  getRecommendation,
  importCatalogue,
  listCatalogueTranslations,
  listFrameworks,
  listRecommendations,
  setCatalogueTranslation,
} from '@tracker/db';
import {
  catalogueDocument,
  catalogueTranslationInput,
  catalogueTranslationsInput,
  catalogueTranslationView,
  frameworkView,
  notFound,
  recommendationInput,
  recommendationView,
} from '@tracker/domain';
import { publicProcedure, restrictedProcedure, router } from '../trpc';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';

export const catalogueRouter = router({
  frameworks: publicProcedure('catalogue.frameworks')
    .meta(restGet('/frameworks', 'Catalogue', 'Source documents', 'The documents whose recommendations are tracked, with publisher, date, licence and citation.'))
    .output(z.array(frameworkView)).query(({ ctx, path }) => publicAnswer({ ctx, path }, () => listFrameworks(ctx.db))),
  recommendations: publicProcedure('catalogue.recommendations')
    .meta(restGet('/recommendations', 'Catalogue', 'Recommendations', 'Every tracked recommendation in source order, paraphrased, with its group and framework.'))
    .output(z.array(recommendationView)).query(({ ctx, path }) => publicAnswer({ ctx, path }, () => listRecommendations(ctx.db))),
  recommendation: publicProcedure('catalogue.recommendation')
    .meta(restGet('/recommendations/{key}', 'Catalogue', 'One recommendation'))
    .input(recommendationInput)
    .output(recommendationView)
    .query(({ ctx, input, path }) =>
      publicAnswer({ ctx, path, input }, async () => {
        const row = await getRecommendation(ctx.db, input.key);
        if (!row) throw notFound(`Recommendation ${input.key}`);
        return row;
      }),
    ),
  /** The whole catalogue as one JSON document (frameworks, groups, recommendations). */
  export: publicProcedure('catalogue.export')
    .meta(restGet('/catalogue', 'Catalogue', 'The whole catalogue as one document', 'Frameworks → groups → recommendations, in the format an administrator can import.'))
    .output(catalogueDocument).query(({ ctx, path }) => publicAnswer({ ctx, path }, () => exportCatalogue(ctx.db))),
  /** Every catalogue text translated into one interface language; what is missing shows in English. */
  translations: publicProcedure('catalogue.translations')
    .meta(restGet('/translations/{language}', 'Catalogue', 'Catalogue translations', 'State names, group titles and recommendation titles and paraphrases in one interface language, as entered by administrators. Anything absent is only available in English.'))
    .input(catalogueTranslationsInput)
    .output(z.array(catalogueTranslationView))
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => listCatalogueTranslations(ctx.db, input.language))),
  /** Sets one translated text (an empty text removes it). */
  setTranslation: restrictedProcedure('catalogue.setTranslation')
    .input(catalogueTranslationInput)
    .mutation(({ ctx, input }) => setCatalogueTranslation(ctx.db, ctx.user, input)),
  /** Adds or updates frameworks, groups and recommendations from such a document; deletes nothing. */
  import: restrictedProcedure('catalogue.import')
    .input(catalogueDocument)
    .mutation(({ ctx, input }) => importCatalogue(ctx.db, ctx.user, input)),
});
