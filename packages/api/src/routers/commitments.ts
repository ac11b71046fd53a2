import { closeCommitment, createCommitment, listCommitments, reviewCommitment } from '@tracker/db';
import { commitmentCloseInput, commitmentCreateInput, commitmentListInput, commitmentReviewInput, commitmentView } from '@tracker/domain';
import { z } from 'zod';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';
import { publicProcedure, restrictedProcedure, router, viewerOf } from '../trpc';

/** What States promised and by when; each commitment's state is derived as of a date. */
export const commitmentsRouter = router({
  list: publicProcedure('commitments.list')
    .meta(
      restGet(
        '/commitments',
        'Follow-up',
        'Commitments of States',
        'Commitments with their deadlines and their state (`open`, `due_soon`, `overdue`, `met`, `withdrawn`) as of `asOf` (today by default). Filter by `iso3`, `recommendationKey` and `state`.',
      ),
    )
    .input(commitmentListInput)
    .output(z.array(commitmentView))
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => listCommitments(ctx.db, viewerOf(ctx), input))),
  create: restrictedProcedure('commitments.create')
    .input(commitmentCreateInput)
    .mutation(({ ctx, input }) => createCommitment(ctx.db, ctx.user, input)),
  review: restrictedProcedure('commitments.review')
    .input(commitmentReviewInput)
    .mutation(({ ctx, input }) => reviewCommitment(ctx.db, ctx.user, input)),
  close: restrictedProcedure('commitments.close')
    .input(commitmentCloseInput)
    .mutation(({ ctx, input }) => closeCommitment(ctx.db, ctx.user, input)),
});
