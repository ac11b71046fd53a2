import { assessmentsRouter } from './routers/assessments';
import { catalogueRouter } from './routers/catalogue';
import { evidenceRouter } from './routers/evidence';
import { indicatorsRouter } from './routers/indicators';
import { scorecardsRouter } from './routers/scorecards';
import { sitesRouter } from './routers/sites';
import { statesRouter } from './routers/states';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  catalogue: catalogueRouter,
  states: statesRouter,
  sites: sitesRouter,
  indicators: indicatorsRouter,
  evidence: evidenceRouter,
  assessments: assessmentsRouter,
  scorecards: scorecardsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
