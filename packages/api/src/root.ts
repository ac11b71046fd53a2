import { assessmentsRouter } from './routers/assessments';
import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { catalogueRouter } from './routers/catalogue';
import { evidenceRouter } from './routers/evidence';
import { followsRouter } from './routers/follows';
import { indicatorsRouter } from './routers/indicators';
import { notificationsRouter } from './routers/notifications';
import { scorecardsRouter } from './routers/scorecards';
import { sitesRouter } from './routers/sites';
import { statesRouter } from './routers/states';
import { subscriptionsRouter } from './routers/subscriptions';
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
  follows: followsRouter,
  subscriptions: subscriptionsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
