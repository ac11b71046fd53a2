import { assessmentsRouter } from './routers/assessments';
import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { catalogueRouter } from './routers/catalogue';
import { commitmentsRouter } from './routers/commitments';
import { evidenceRouter } from './routers/evidence';
import { followsRouter } from './routers/follows';
import { indicatorsRouter } from './routers/indicators';
import { intakeRouter } from './routers/intake';
import { notificationsRouter } from './routers/notifications';
import { repliesRouter } from './routers/replies';
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
  replies: repliesRouter,
  commitments: commitmentsRouter,
  intake: intakeRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
