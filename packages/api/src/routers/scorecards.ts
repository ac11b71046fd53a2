import { recommendationScorecard, scoreChanges, scorecardMatrix, scoreTimeline, stateScorecard } from '@tracker/db';
import {
  scorecardChangesInput,
  scorecardMatrixInput,
  scorecardRecommendationInput,
  scorecardStateInput,
  scorecardTimelineInput,
} from '@tracker/domain';
import { publicProcedure, router } from '../trpc';

export const scorecardsRouter = router({
  state: publicProcedure('scorecards.state')
    .input(scorecardStateInput)
    .query(({ ctx, input }) => stateScorecard(ctx.db, input.iso3, input.asOf)),
  matrix: publicProcedure('scorecards.matrix')
    .input(scorecardMatrixInput)
    .query(({ ctx, input }) => scorecardMatrix(ctx.db, input.asOf)),
  recommendation: publicProcedure('scorecards.recommendation')
    .input(scorecardRecommendationInput)
    .query(({ ctx, input }) => recommendationScorecard(ctx.db, input.key, input.asOf)),
  timeline: publicProcedure('scorecards.timeline')
    .input(scorecardTimelineInput)
    .query(({ ctx, input }) => scoreTimeline(ctx.db, { iso3: input.iso3, recommendationKey: input.key })),
  changes: publicProcedure('scorecards.changes')
    .input(scorecardChangesInput)
    .query(({ ctx, input }) => scoreChanges(ctx.db, input.since, input.until)),
});
