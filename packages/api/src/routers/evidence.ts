import {
  attachToEvidence,
  evidenceRevisionsOf,
  createEvidence,
  getEvidence,
  listEvidence,
  retractEvidence,
  reviewEvidence,
  submitEvidence,
  updateEvidence,
} from '@tracker/db';
import {
  evidenceAttachInput,
  evidenceCreateInput,
  evidenceIdInput,
  evidenceListInput,
  evidenceRetractInput,
  evidenceReviewInput,
  evidenceUpdateInput,
} from '@tracker/domain';
import { inspectAttachment } from '../attachments';
import { publicProcedure, restrictedProcedure, router, viewerOf } from '../trpc';

export const evidenceRouter = router({
  list: publicProcedure('evidence.list')
    .input(evidenceListInput)
    .query(({ ctx, input }) => listEvidence(ctx.db, viewerOf(ctx), input)),
  get: publicProcedure('evidence.get')
    .input(evidenceIdInput)
    .query(({ ctx, input }) => getEvidence(ctx.db, viewerOf(ctx), input.id)),
  create: restrictedProcedure('evidence.create')
    .input(evidenceCreateInput)
    .mutation(({ ctx, input }) => createEvidence(ctx.db, ctx.user, input)),
  update: restrictedProcedure('evidence.update')
    .input(evidenceUpdateInput)
    .mutation(({ ctx, input }) => updateEvidence(ctx.db, ctx.user, input)),
  submit: restrictedProcedure('evidence.submit')
    .input(evidenceIdInput)
    .mutation(({ ctx, input }) => submitEvidence(ctx.db, ctx.user, input.id)),
  review: restrictedProcedure('evidence.review')
    .input(evidenceReviewInput)
    .mutation(({ ctx, input }) => reviewEvidence(ctx.db, ctx.user, input)),
  retract: restrictedProcedure('evidence.retract')
    .input(evidenceRetractInput)
    .mutation(({ ctx, input }) => retractEvidence(ctx.db, ctx.user, input)),
  /** Earlier revisions of an item, for reviewers: what changed after verification stays readable. */
  revisions: restrictedProcedure('evidence.revisions')
    .input(evidenceIdInput)
    .query(({ ctx, input }) => evidenceRevisionsOf(ctx.db, ctx.user, input.id)),
  attach: restrictedProcedure('evidence.attach')
    .input(evidenceAttachInput)
    .mutation(async ({ ctx, input }) =>
      attachToEvidence(ctx.db, ctx.user, input.id, await inspectAttachment(input.filename, input.contentBase64)),
    ),
});
