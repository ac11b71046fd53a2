import { assessmentHistory, proposeAssessment, reviewAssessment } from '@tracker/db';
import { assessmentHistoryInput, assessmentProposeInput, assessmentReviewInput } from '@tracker/domain';
import { publicProcedure, restrictedProcedure, router, viewerOf } from '../trpc';

export const assessmentsRouter = router({
  history: publicProcedure('assessments.history')
    .input(assessmentHistoryInput)
    .query(({ ctx, input }) => assessmentHistory(ctx.db, viewerOf(ctx), input)),
  propose: restrictedProcedure('assessments.propose')
    .input(assessmentProposeInput)
    .mutation(({ ctx, input }) => proposeAssessment(ctx.db, ctx.user, input)),
  review: restrictedProcedure('assessments.review')
    .input(assessmentReviewInput)
    .mutation(({ ctx, input }) => reviewAssessment(ctx.db, ctx.user, input)),
});
