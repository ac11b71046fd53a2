import { TRPCError } from '@trpc/server';
import {
  consumeOneTimeToken,
  countUsers,
  createUserAccount,
  findLoginUser,
  revokeSession,
  setTotpSecret,
  setUserPassword,
} from '@tracker/db';
import {
  AppError,
  changePasswordInput,
  loginInput,
  resetPasswordInput,
  setupInput,
  totpDisableInput,
  totpEnableInput,
} from '@tracker/domain';
import { newTotpSecret, totpMatches } from '../auth/totp';
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
      if (user.totpSecret) {
        // Asked for only after the password is right, so it reveals nothing to a guesser.
        if (!input.totp) {
          throw new AppError('BAD_REQUEST', 'totp: Enter the 6-digit code from your authenticator app.', {
            issues: [{ path: 'totp', message: 'Enter the 6-digit code from your authenticator app.' }],
          });
        }
        if (!totpMatches(user.totpSecret, input.totp)) {
          ctx.auth.throttle.failed(input.email, address);
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'That code is not right. Use the current code from your authenticator app.' });
        }
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

  /** Step one of two-factor sign-in: a secret for the authenticator app; nothing is stored yet. */
  totpSetup: restrictedProcedure('auth.totpSetup').mutation(({ ctx }) => newTotpSecret(ctx.user.email)),

  /** Step two: a code from the app proves it holds the secret, which is then stored. */
  totpEnable: restrictedProcedure('auth.totpEnable')
    .input(totpEnableInput)
    .mutation(async ({ ctx, input }) => {
      if (!totpMatches(input.secret, input.code)) {
        throw new AppError('BAD_REQUEST', 'code: That code does not match; check the time on your phone and try the current code.', {
          issues: [{ path: 'code', message: 'That code does not match; check the time on your phone and try the current code.' }],
        });
      }
      await setTotpSecret(ctx.db, ctx.user.id, ctx.user.id, input.secret);
      return { totpEnabled: true };
    }),

  totpDisable: restrictedProcedure('auth.totpDisable')
    .input(totpDisableInput)
    .mutation(async ({ ctx, input }) => {
      const user = await findLoginUser(ctx.db, ctx.user.email);
      if (!user?.totpSecret) return { totpEnabled: false };
      if (!totpMatches(user.totpSecret, input.code)) {
        throw new AppError('BAD_REQUEST', 'code: That code is not right.', { issues: [{ path: 'code', message: 'That code is not right.' }] });
      }
      await setTotpSecret(ctx.db, ctx.user.id, ctx.user.id, null);
      return { totpEnabled: false };
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
