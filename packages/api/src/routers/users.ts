import { createUserAccount, getUser, listRolePolicies, listUsers, setRolePolicy, updateUserAccount } from '@tracker/db';
import { rolePolicyInput, userCreateInput, userIdInput, userUpdateInput } from '@tracker/domain';
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
  policies: restrictedProcedure('users.policies').query(({ ctx }) => listRolePolicies(ctx.db)),
  /** Requiring a second factor for a role takes effect at once: its accounts must set one up before working. */
  setPolicy: restrictedProcedure('users.setPolicy')
    .input(rolePolicyInput)
    .mutation(({ ctx, input }) => setRolePolicy(ctx.db, ctx.user.id, input.role, input.requireTotp)),
});
