import {
  analyzeTables,
  importWrote,
  attachToEvidence,
  checkImportReferences,
  importEvidence,
  evidenceRevisionsOf,
  createEvidence,
  eraseEvidence,
  getEvidence,
  listEvidence,
  evidenceFacets as countEvidence,
  retractEvidence,
  reviewEvidence,
  submitEvidence,
  updateEvidence,
} from '@tracker/db';
import {
  evidenceAttachInput,
  AppError,
  evidenceCreateInput,
  evidenceEraseInput,
  evidenceIdInput,
  evidenceImportInput,
  evidenceListInput,
  evidenceFacets,
  evidenceFacetsInput,
  evidencePage,
  evidenceRetractInput,
  evidenceReviewInput,
  evidenceUpdateInput,
  evidenceView,
} from '@tracker/domain';
import { isConfidential, logConfidentialReads, logReads } from '../access-log';
import { inspectAttachment } from '../attachments';
import { importIssues, parseEvidenceCsv } from '../evidence-csv';
import { unicodeFields } from '../zawgyi';
import { publicProcedure, restrictedProcedure, router, viewerOf } from '../trpc';
import { publicAnswer } from '../read-cache';
import { restGet } from '../rest';

export const evidenceRouter = router({
  list: publicProcedure('evidence.list')
    .meta(restGet('/evidence', 'Evidence', 'Verified public evidence', 'Newest publication first unless `sort` says otherwise, 25 per page by default (at most 100). Filters combine; `q` searches titles and summaries in any script. Follow `nextCursor` for the next page.'))
    .input(evidenceListInput)
    .output(evidencePage)
    .query(({ ctx, input, path }) =>
      publicAnswer({ ctx, path, input }, async () => {
        const page = await listEvidence(ctx.db, viewerOf(ctx), input);
        await logConfidentialReads(ctx, page.items);
        return page;
      }),
    ),
  facets: publicProcedure('evidence.facets')
    .meta(restGet('/evidence/facets', 'Evidence', 'How many items of evidence the filters find', 'The total, and for each of iso3, recommendationKey, kind and direction how many items each value would find with the other filters kept. Takes the filters of the evidence list.'))
    .input(evidenceFacetsInput)
    .output(evidenceFacets)
    .query(({ ctx, input, path }) => publicAnswer({ ctx, path, input }, () => countEvidence(ctx.db, viewerOf(ctx), input))),
  get: publicProcedure('evidence.get')
    .meta(restGet('/evidence/{id}', 'Evidence', 'One item of evidence', 'Only verified public items exist for this API; anything else answers 404.'))
    .input(evidenceIdInput)
    .output(evidenceView)
    .query(({ ctx, input, path }) =>
      publicAnswer({ ctx, path, input }, async () => {
        const item = await getEvidence(ctx.db, viewerOf(ctx), input.id);
        await logConfidentialReads(ctx, [item]);
        return item;
      }),
    ),
  create: restrictedProcedure('evidence.create')
    .input(evidenceCreateInput)
    .mutation(({ ctx, input }) => createEvidence(ctx.db, ctx.user, unicodeFields(input))),
  update: restrictedProcedure('evidence.update')
    .input(evidenceUpdateInput)
    .mutation(({ ctx, input }) => updateEvidence(ctx.db, ctx.user, unicodeFields(input))),
  submit: restrictedProcedure('evidence.submit')
    .input(evidenceIdInput)
    .mutation(({ ctx, input }) => submitEvidence(ctx.db, ctx.user, input.id)),
  review: restrictedProcedure('evidence.review')
    .input(evidenceReviewInput)
    .mutation(({ ctx, input }) => reviewEvidence(ctx.db, ctx.user, input)),
  retract: restrictedProcedure('evidence.retract')
    .input(evidenceRetractInput)
    .mutation(({ ctx, input }) => retractEvidence(ctx.db, ctx.user, unicodeFields(input))),
  /** Earlier revisions of an item, for reviewers: what changed after verification stays readable. */
  revisions: restrictedProcedure('evidence.revisions')
    .input(evidenceIdInput)
    .query(async ({ ctx, input }) => {
      const revisions = await evidenceRevisionsOf(ctx.db, ctx.user, input.id);
      if (revisions.some((r) => isConfidential(r.snapshot as Parameters<typeof isConfidential>[0]))) await logReads(ctx, 'evidence.revisions', 'evidence', [input.id]);
      return revisions;
    }),
  /**
   * Bulk import from the admin page: the same checks as `tracker import`; every problem comes back
   * by line and column and nothing is written unless every row is right.
   */
  import: restrictedProcedure('evidence.import')
    .input(evidenceImportInput)
    .mutation(async ({ ctx, input }) => {
      const parsed = parseEvidenceCsv(Buffer.from(input.csv, 'utf8'));
      const issues = [...parsed.issues, ...(await checkImportReferences(ctx.db, parsed.rows))].sort((a, b) => a.line - b.line);
      if (issues.length > 0) {
        throw new AppError('BAD_REQUEST', `Nothing was imported: ${issues.length} problem(s) found.`, { issues: importIssues(issues.slice(0, 200)) });
      }
      const report = await importEvidence(ctx.db, ctx.user, parsed.rows);
      if (importWrote(report)) await analyzeTables(ctx.db);
      return { ok: true as const, report, rows: parsed.rows.length };
    }),
  /**
   * Erasure on request, by an administrator: the content, files and data key are destroyed, the
   * facts the scorecards rest on stay, and the ledger records it with the reason.
   */
  erase: restrictedProcedure('evidence.erase')
    .input(evidenceEraseInput)
    .mutation(({ ctx, input }) => eraseEvidence(ctx.db, ctx.user, unicodeFields(input))),
  attach: restrictedProcedure('evidence.attach')
    .input(evidenceAttachInput)
    .mutation(async ({ ctx, input }) =>
      attachToEvidence(ctx.db, ctx.user, input.id, await inspectAttachment(input.filename, input.contentBase64), input.idempotencyKey),
    ),
});
