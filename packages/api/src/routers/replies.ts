import { createReply, listReplies, reviewReply } from '@tracker/db';
import { followUpReviewInput, replyCreateInput, replyListInput, replyView } from '@tracker/domain';
import { z } from 'zod';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';
import { publicProcedure, restrictedProcedure, router, viewerOf } from '../trpc';

/** A State's own word on a recommendation, beside the tracker's verdict once another person accepted it. */
export const repliesRouter = router({
  list: publicProcedure('replies.list')
    .meta(restGet('/replies', 'Follow-up', 'Replies of States', 'Official replies, self-assessments and responses to reviews, newest first, each with the tracker’s answer. Filter by `iso3` and `recommendationKey`.'))
    .input(replyListInput)
    .output(z.array(replyView))
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => listReplies(ctx.db, viewerOf(ctx), input))),
  create: restrictedProcedure('replies.create')
    .input(replyCreateInput)
    .mutation(({ ctx, input }) => createReply(ctx.db, ctx.user, input)),
  review: restrictedProcedure('replies.review')
    .input(followUpReviewInput)
    .mutation(({ ctx, input }) => reviewReply(ctx.db, ctx.user, input)),
});
