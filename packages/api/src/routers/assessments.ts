import { z } from 'zod';
import { assessmentHistory, proposeAssessment, reviewAssessment } from '@tracker/db';
import {
  assessmentHistoryInput,
  assessmentProposeInput,
  assessmentReviewInput,
  assessmentView,
} from '@tracker/domain';
import { publicProcedure, restrictedProcedure, router, viewerOf } from '../trpc';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';

export const assessmentsRouter = router({
  history: publicProcedure('assessments.history')
    .meta(restGet('/assessments', 'Scorecards', 'Approved assessments', 'The record of judgements, oldest first, each with its rationale and counts of supporting sources by visibility. Filter by `iso3` and `recommendationKey`.'))
    .input(assessmentHistoryInput)
    .output(z.array(assessmentView))
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => assessmentHistory(ctx.db, viewerOf(ctx), input))),
  propose: restrictedProcedure('assessments.propose')
    .input(assessmentProposeInput)
    .mutation(({ ctx, input }) => proposeAssessment(ctx.db, ctx.user, input)),
  review: restrictedProcedure('assessments.review')
    .input(assessmentReviewInput)
    .mutation(({ ctx, input }) => reviewAssessment(ctx.db, ctx.user, input)),
});
