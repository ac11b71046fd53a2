import { assessmentsRouter } from './routers/assessments';
import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { catalogueRouter } from './routers/catalogue';
import { evidenceRouter } from './routers/evidence';
import { indicatorsRouter } from './routers/indicators';
import { notificationsRouter } from './routers/notifications';
import { scorecardsRouter } from './routers/scorecards';
import { sitesRouter } from './routers/sites';
import { statesRouter } from './routers/states';
import { usersRouter } from './routers/users';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  catalogue: catalogueRouter,
  states: statesRouter,
  sites: sitesRouter,
  indicators: indicatorsRouter,
  evidence: evidenceRouter,
  assessments: assessmentsRouter,
  scorecards: scorecardsRouter,
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
