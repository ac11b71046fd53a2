import { checkIntakeProof, intakeFile, issueIntakeChallenge, listIntake, submitIntake, triageIntake } from '@tracker/db';
import { intakeFileQueryInput, intakeListInput, intakeSubmitInput, intakeTriageInput, MAX_INTAKE_FILE_BYTES, notFound } from '@tracker/domain';
import { inspectAttachment } from '../attachments';
import { reserveOrRefuse } from '../auth/throttle';
import { publicProcedure, restrictedProcedure, router } from '../trpc';

/** Submissions per network in an hour before waits begin (each further one doubles the wait). */
const INTAKE_FREE_PER_NETWORK = 5;

/**
 * Information from outside, without an account. Nothing about the sender is kept: not their
 * address (the throttle counts a keyed, daily-changing hash of their network), no cookie, no
 * browser details. What they send is sealed like testimony and read only by staff.
 */
export const intakeRouter = router({
  /** A fresh proof-of-work challenge; a POST, so no cache ever hands the same one to two senders. */
  challenge: publicProcedure('intake.challenge').mutation(({ ctx }) => issueIntakeChallenge(ctx.db)),
  submit: publicProcedure('intake.submit')
    .input(intakeSubmitInput)
    .mutation(async ({ ctx, input }) => {
      const { challengeId, network } = await checkIntakeProof(ctx.db, input.proof, ctx.http?.clientAddress ?? null);
      await reserveOrRefuse(ctx.db, { ...ctx.auth.allowance, subject: Math.min(ctx.auth.allowance.subject, INTAKE_FREE_PER_NETWORK) }, { scope: 'intake', subject: network, address: null });
      const files = [];
      for (const file of input.files) files.push(await inspectAttachment(file.filename, file.contentBase64, MAX_INTAKE_FILE_BYTES));
      const { files: _files, proof: _proof, ...content } = input;
      return submitIntake(
        ctx.db,
        { what: content.what, iso3: content.iso3, site: content.site ?? null, when: content.when ?? null, sourceUrl: content.sourceUrl ?? null, contact: content.contact ?? null },
        files,
        challengeId,
      );
    }),
  list: restrictedProcedure('intake.list')
    .input(intakeListInput)
    .query(({ ctx, input }) => listIntake(ctx.db, ctx.user, input.status, ctx.http?.clientAddress ?? null)),
  /** One file, for a triager to look at before deciding; the dashboard offers it as a download. */
  file: restrictedProcedure('intake.file')
    .input(intakeFileQueryInput)
    .query(async ({ ctx, input }) => {
      const file = await intakeFile(ctx.db, ctx.user, input.id, input.position, ctx.http?.clientAddress ?? null);
      if (!file) throw notFound('File');
      return file;
    }),
  triage: restrictedProcedure('intake.triage')
    .input(intakeTriageInput)
    .mutation(({ ctx, input }) => triageIntake(ctx.db, ctx.user, input)),
});
