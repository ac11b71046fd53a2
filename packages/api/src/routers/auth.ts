import { TRPCError } from '@trpc/server';
import {
  acceptTotpStep,
  claimFirstAdmin,
  consumeOneTimeToken,
  findLoginUser,
  getUser,
  oneTimeTokenHolder,
  revokeSession,
  setTotpSecret,
  setUserPassword,
  type Database,
} from '@tracker/db';
import {
  AppError,
  changePasswordInput,
  loginInput,
  passwordLinkInput,
  resetPasswordInput,
  setupInput,
  totpDisableInput,
  totpEnableInput,
} from '@tracker/domain';
import { newTotpSecret, totpStep } from '../auth/totp';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { startSession } from '../auth/session';
import { attemptWasRight, reserveOrRefuse, type ThrottleRequest } from '../auth/throttle';
import { hashToken } from '../auth/tokens';
import { publicProcedure, restrictedProcedure, router, type Context } from '../trpc';

const wrongCredentials = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'The email or password is not right.' });
const fieldRefusal = (path: string, message: string) => new AppError('BAD_REQUEST', `${path}: ${message}`, { issues: [{ path, message }] });

const expiredLink = () => new AppError('BAD_REQUEST', 'This link has expired or was already used. Ask an administrator for a new one.');

const addressOf = (ctx: Context) => ctx.http?.clientAddress ?? null;

/** Runs a check of a secret under the throttle: reserved before, forgiven when it was right. */
async function throttled<T>(ctx: Context, request: Omit<ThrottleRequest, 'address'>, check: () => Promise<T>): Promise<T> {
  const full = { ...request, address: addressOf(ctx) };
  await reserveOrRefuse(ctx.db, ctx.auth.allowance, full);
  const result = await check();
  await attemptWasRight(ctx.db, full);
  return result;
}

/** A current code from the account's own app, accepted once: a replayed code is refused. */
async function requireCurrentCode(db: Database, user: { id: string; totpSecret: string | null }, code: string | undefined, path: string): Promise<void> {
  if (!user.totpSecret) return;
  if (!code) throw fieldRefusal(path, 'Enter the current 6-digit code from your authenticator app.');
  const step = totpStep(user.totpSecret, code);
  if (step === null || !(await acceptTotpStep(db, user.id, step))) throw fieldRefusal(path, 'That code is not right, or was already used. Wait for the next code.');
}

/** The signed-in account's secrets, after checking its current password. */
async function withCurrentPassword(ctx: Context & { user: NonNullable<Context['user']> }, password: string | undefined) {
  const user = await findLoginUser(ctx.db, ctx.user.email);
  if (!user || !password || !(await verifyPassword(user.passwordHash, password))) throw fieldRefusal('currentPassword', 'this is not your current password.');
  return user;
}

export const authRouter = router({
  /** The signed-in user and role, or null. */
  me: publicProcedure('auth.me').query(({ ctx }) => ctx.user),

  /**
   * Same answer and the same work (one argon2 verification) whether or not the account exists,
   * so neither the message nor the timing tells an attacker which emails have accounts. The attempt
   * is counted before the password is checked.
   */
  login: publicProcedure('auth.login')
    .input(loginInput)
    .mutation(async ({ ctx, input }) => {
      const request = { scope: 'sign-in', subject: input.email, address: addressOf(ctx) } as const;
      await reserveOrRefuse(ctx.db, ctx.auth.allowance, request);
      const user = await findLoginUser(ctx.db, input.email);
      const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
      if (!user || !ok || !user.active) throw wrongCredentials();
      if (user.totpSecret) {
        // Asked for only after the password is right, so it reveals nothing to a guesser.
        if (!input.totp) throw fieldRefusal('totp', 'Enter the 6-digit code from your authenticator app.');
        const step = totpStep(user.totpSecret, input.totp);
        if (step === null || !(await acceptTotpStep(ctx.db, user.id, step))) {
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'That code is not right, or was already used. Use the next code from your authenticator app.' });
        }
      }
      await attemptWasRight(ctx.db, request);
      await startSession(ctx, user.id);
      return { id: user.id, role: user.role };
    }),

  logout: publicProcedure('auth.logout').mutation(async ({ ctx }) => {
    if (ctx.http?.sessionToken) await revokeSession(ctx.db, hashToken(ctx.http.sessionToken));
    ctx.http?.clearSessionCookie();
    return { signedOut: true };
  }),

  /** Creates the first admin from the one-time link printed at first start: exactly one, ever. */
  setup: publicProcedure('auth.setup')
    .input(setupInput)
    .mutation(async ({ ctx, input }) => {
      const admin = await throttled(ctx, { scope: 'link', subject: null }, async () => {
        const passwordHash = await hashPassword(input.password);
        return claimFirstAdmin(ctx.db, hashToken(input.token), { email: input.email, displayName: input.displayName, passwordHash });
      });
      await startSession(ctx, admin.id);
      return { id: admin.id, role: admin.role };
    }),

  /**
   * Whose account a password link opens and until when, without using it: the page names the
   * account before a password is chosen. Guessing links is throttled like using them. A POST, so
   * the token stays out of addresses and access logs.
   */
  passwordLink: publicProcedure('auth.passwordLink')
    .input(passwordLinkInput)
    .mutation(async ({ ctx, input }) => {
      return throttled(ctx, { scope: 'link', subject: null }, async () => {
        const found = await oneTimeTokenHolder(ctx.db, 'password_reset', hashToken(input.token));
        if (!found) throw expiredLink();
        return found;
      });
    }),

  /**
   * Sets a password from a one-time link; the account is signed out everywhere else and signed in
   * here, unless it has a second factor (then the person signs in with their code) or is deactivated.
   */
  resetPassword: publicProcedure('auth.resetPassword')
    .input(resetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      const userId = await throttled(ctx, { scope: 'link', subject: null }, async () => {
        const passwordHash = await hashPassword(input.password);
        const claimed = await consumeOneTimeToken(ctx.db, 'password_reset', hashToken(input.token));
        if (!claimed?.userId) throw expiredLink();
        await setUserPassword(ctx.db, claimed.userId, claimed.userId, passwordHash);
        return claimed.userId;
      });
      const user = await getUser(ctx.db, userId);
      const signedIn = Boolean(user?.active && !user.totpEnabled && ctx.http);
      if (signedIn) await startSession(ctx, userId);
      return { passwordSet: true, signedIn };
    }),

  /** Step one of two-factor sign-in: a secret for the authenticator app; nothing is stored yet. */
  totpSetup: restrictedProcedure('auth.totpSetup').mutation(({ ctx }) => newTotpSecret(ctx.user.email)),

  /**
   * Step two: a code from the app proves it holds the secret, which is then stored. Replacing a
   * second factor already set up needs the current password and a current code from the old one.
   */
  totpEnable: restrictedProcedure('auth.totpEnable')
    .input(totpEnableInput)
    .mutation(async ({ ctx, input }) => {
      await throttled(ctx, { scope: 'totp', subject: ctx.user.id }, async () => {
        if (ctx.user.totpEnabled) {
          const user = await withCurrentPassword(ctx, input.currentPassword);
          await requireCurrentCode(ctx.db, user, input.currentCode, 'currentCode');
        }
        const step = totpStep(input.secret, input.code);
        if (step === null) throw fieldRefusal('code', 'That code does not match; check the time on your phone and try the current code.');
        await setTotpSecret(ctx.db, ctx.user.id, ctx.user.id, input.secret, step);
      });
      return { totpEnabled: true };
    }),

  /** Turning the second factor off needs the current password and a current code. */
  totpDisable: restrictedProcedure('auth.totpDisable')
    .input(totpDisableInput)
    .mutation(async ({ ctx, input }) => {
      return throttled(ctx, { scope: 'totp', subject: ctx.user.id }, async () => {
        const user = await withCurrentPassword(ctx, input.currentPassword);
        if (!user.totpSecret) return { totpEnabled: false };
        await requireCurrentCode(ctx.db, user, input.code, 'code');
        await setTotpSecret(ctx.db, ctx.user.id, ctx.user.id, null);
        return { totpEnabled: false };
      });
    }),

  /** Changing the password signs the account out everywhere, this browser included. */
  changePassword: restrictedProcedure('auth.changePassword')
    .input(changePasswordInput)
    .mutation(async ({ ctx, input }) => {
      await throttled(ctx, { scope: 'password', subject: ctx.user.id }, () => withCurrentPassword(ctx, input.currentPassword));
      await setUserPassword(ctx.db, ctx.user.id, ctx.user.id, await hashPassword(input.newPassword));
      ctx.http?.clearSessionCookie();
      return { passwordChanged: true };
    }),
});
