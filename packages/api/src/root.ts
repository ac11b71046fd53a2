import { catalogueRouter } from './routers/catalogue';
import { indicatorsRouter } from './routers/indicators';
import { sitesRouter } from './routers/sites';
import { statesRouter } from './routers/states';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  catalogue: catalogueRouter,
  states: statesRouter,
  sites: sitesRouter,
  indicators: indicatorsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
