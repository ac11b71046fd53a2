import { createUserAccount, getUser, listUsers, updateUserAccount } from '@tracker/db';
import { userCreateInput, userIdInput, userUpdateInput } from '@tracker/domain';
import { issueOneTimeLink } from '../auth/session';
import { restrictedProcedure, router } from '../trpc';

/** Administration of accounts. New accounts get a one-time link to choose their own password. */
export const usersRouter = router({
  list: restrictedProcedure('users.list').query(({ ctx }) => listUsers(ctx.db)),
  create: restrictedProcedure('users.create')
    .input(userCreateInput)
    .mutation(async ({ ctx, input }) => {
      const user = await createUserAccount(ctx.db, ctx.user.id, { ...input, passwordHash: null });
      return { ...user, passwordLink: await issueOneTimeLink(ctx, 'password_reset', user.id) };
    }),
  update: restrictedProcedure('users.update')
    .input(userUpdateInput)
    .mutation(({ ctx, input }) => updateUserAccount(ctx.db, ctx.user, input)),
  resetLink: restrictedProcedure('users.resetLink')
    .input(userIdInput)
    .mutation(async ({ ctx, input }) => {
      await getUser(ctx.db, input.id);
      return issueOneTimeLink(ctx, 'password_reset', input.id);
    }),
});
