import { recommendationScorecard, scoreChanges, scorecardMatrix, scoreTimeline, stateScorecard } from '@tracker/db';
import {
  changesView,
  matrixView,
  recommendationScorecardView,
  scorecardChangesInput,
  scorecardMatrixInput,
  scorecardRecommendationInput,
  scorecardStateInput,
  scorecardTimelineInput,
  stateScorecardView,
  timelineView,
} from '@tracker/domain';
import { publicProcedure, router } from '../trpc';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';

export const scorecardsRouter = router({
  state: publicProcedure('scorecards.state')
    .meta(restGet('/scorecards/states/{iso3}', 'Scorecards', 'A State’s scorecard', 'Score, coverage, trend and each recommendation’s status as of `asOf` (default today).'))
    .input(scorecardStateInput)
    .output(stateScorecardView)
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => stateScorecard(ctx.db, input.iso3, input.asOf))),
  matrix: publicProcedure('scorecards.matrix')
    .meta(restGet('/scorecards/matrix', 'Scorecards', 'Every State against every recommendation', 'The heatmap data as of `asOf` (default today), with regional and per-State summaries.'))
    .input(scorecardMatrixInput)
    .output(matrixView)
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => scorecardMatrix(ctx.db, input.asOf))),
  recommendation: publicProcedure('scorecards.recommendation')
    .meta(restGet('/scorecards/recommendations/{key}', 'Scorecards', 'One recommendation across States', 'Each State’s status on the recommendation as of `asOf` (default today).'))
    .input(scorecardRecommendationInput)
    .output(recommendationScorecardView)
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => recommendationScorecard(ctx.db, input.key, input.asOf))),
  timeline: publicProcedure('scorecards.timeline')
    .meta(restGet('/scorecards/timeline', 'Scorecards', 'Score over time', 'Score and coverage after each date something took effect, for the region, a State (`iso3`), a recommendation (`key`) or one cell.'))
    .input(scorecardTimelineInput)
    .output(timelineView)
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => scoreTimeline(ctx.db, { iso3: input.iso3, recommendationKey: input.key }))),
  changes: publicProcedure('scorecards.changes')
    .meta(restGet('/scorecards/changes', 'Scorecards', 'What changed between two dates', 'Cells whose status moved between `since` and `until` (default today), with the judgement that moved them.'))
    .input(scorecardChangesInput)
    .output(changesView)
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => scoreChanges(ctx.db, input.since, input.until))),
});
