import { TRPCError } from '@trpc/server';
import {
  consumeOneTimeToken,
  countUsers,
  createUserAccount,
  findLoginUser,
  revokeSession,
  setUserPassword,
} from '@tracker/db';
import { AppError, changePasswordInput, loginInput, resetPasswordInput, setupInput } from '@tracker/domain';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { startSession } from '../auth/session';
import { hashToken } from '../auth/tokens';
import { publicProcedure, restrictedProcedure, router } from '../trpc';

const wrongCredentials = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'The email or password is not right.' });

export const authRouter = router({
  /** The signed-in user and role, or null. */
  me: publicProcedure('auth.me').query(({ ctx }) => ctx.user),

  /**
   * Same answer and the same work (one argon2 verification) whether or not the account exists,
   * so neither the message nor the timing tells an attacker which emails have accounts.
   */
  login: publicProcedure('auth.login')
    .input(loginInput)
    .mutation(async ({ ctx, input }) => {
      const address = ctx.http?.clientAddress ?? null;
      const wait = ctx.auth.throttle.retryAfter(input.email, address);
      if (wait > 0) {
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many attempts. Try again in ${Math.ceil(wait / 1000)} seconds.` });
      }
      const user = await findLoginUser(ctx.db, input.email);
      const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
      if (!user || !ok || !user.active) {
        ctx.auth.throttle.failed(input.email, address);
        throw wrongCredentials();
      }
      ctx.auth.throttle.succeeded(input.email);
      await startSession(ctx, user.id);
      return { id: user.id, role: user.role };
    }),

  logout: publicProcedure('auth.logout').mutation(async ({ ctx }) => {
    if (ctx.http?.sessionToken) await revokeSession(ctx.db, hashToken(ctx.http.sessionToken));
    ctx.http?.clearSessionCookie();
    return { signedOut: true };
  }),

  /** Creates the first admin from the one-time link printed at first start. */
  setup: publicProcedure('auth.setup')
    .input(setupInput)
    .mutation(async ({ ctx, input }) => {
      if ((await countUsers(ctx.db)) > 0) throw new AppError('CONFLICT', 'The tracker is already set up. Sign in instead.');
      const passwordHash = await hashPassword(input.password);
      const claimed = await consumeOneTimeToken(ctx.db, 'setup', hashToken(input.token));
      if (!claimed) throw new AppError('BAD_REQUEST', 'This setup link has expired or was already used. Restart the server for a new one.');
      const admin = await createUserAccount(ctx.db, null, { email: input.email, displayName: input.displayName, role: 'admin', passwordHash });
      await startSession(ctx, admin.id);
      return { id: admin.id, role: admin.role };
    }),

  resetPassword: publicProcedure('auth.resetPassword')
    .input(resetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      const claimed = await consumeOneTimeToken(ctx.db, 'password_reset', hashToken(input.token));
      if (!claimed?.userId) throw new AppError('BAD_REQUEST', 'This link has expired or was already used. Ask an administrator for a new one.');
      await setUserPassword(ctx.db, claimed.userId, claimed.userId, passwordHash);
      return { passwordSet: true };
    }),

  /** Changing the password signs the account out everywhere, this browser included. */
  changePassword: restrictedProcedure('auth.changePassword')
    .input(changePasswordInput)
    .mutation(async ({ ctx, input }) => {
      const user = await findLoginUser(ctx.db, ctx.user.email);
      if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new AppError('BAD_REQUEST', 'currentPassword: this is not your current password.', {
          issues: [{ path: 'currentPassword', message: 'this is not your current password.' }],
        });
      }
      await setUserPassword(ctx.db, ctx.user.id, ctx.user.id, await hashPassword(input.newPassword));
      ctx.http?.clearSessionCookie();
      return { passwordChanged: true };
    }),
});
