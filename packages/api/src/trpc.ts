import { initTRPC, TRPCError } from '@trpc/server';
import type { Database, SessionUser } from '@tracker/db';
import { allowedBeforeTotpEnrolment, mayCall, SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES, type procedureAccess, type ProcedurePath, type Viewer } from '@tracker/domain';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { defaultAllowance, type ThrottleAllowance } from './auth/throttle';
import { describeError, toTRPCError } from './errors';

export type { SessionUser };

/** What procedures may do to the HTTP exchange: the session cookie and who is asking. */
export interface HttpExchange {
  clientAddress: string | null;
  userAgent: string | null;
  /** The raw session token from the cookie, if any. */
  sessionToken: string | null;
  setSessionCookie(token: string, maxAgeSeconds: number): void;
  clearSessionCookie(): void;
}

/** Long-lived services shared by every request of one server. */
export interface AuthServices {
  /** Attempts allowed before throttling waits begin (the counters are in the database). */
  allowance: ThrottleAllowance;
  idleMs: number;
  absoluteMs: number;
}

export function createAuthServices(overrides: Partial<AuthServices> = {}): AuthServices {
  return {
    allowance: defaultAllowance,
    idleMs: SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: SESSION_ABSOLUTE_HOURS * 3_600_000,
    ...overrides,
  };
}

/** Refuses a write, by throwing, when the disk that holds the data is (nearly) full. */
export interface StorageGuard {
  check(): void;
}

export interface Context {
  db: Database;
  user: SessionUser | null;
  http: HttpExchange | null;
  auth: AuthServices;
  storage: StorageGuard | null;
}

/**
 * Who reads, for every read: the signed-in user, or the public. An account whose role requires a
 * second factor it has not set up reads only what the public reads, until it enrols.
 */
export const viewerOfUser = (user: SessionUser | null): Viewer | null => (user && !user.mustEnrollTotp ? { id: user.id, role: user.role } : null);
export const viewerOf = (ctx: Context): Viewer | null => viewerOfUser(ctx.user);

/** A context without HTTP, for tests and the CLI; the HTTP adapter adds the session user and exchange. */
export function createContextInner(opts: {
  db: Database;
  user?: SessionUser | null;
  http?: HttpExchange | null;
  auth?: AuthServices;
  storage?: StorageGuard | null;
}): Context {
  return { db: opts.db, user: opts.user ?? null, http: opts.http ?? null, auth: opts.auth ?? createAuthServices(), storage: opts.storage ?? null };
}

const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({
  errorFormatter({ shape, error }) {
    // The one error model (errors.ts): internal errors are logged on the server, and their text
    // (SQL, values) never reaches clients.
    const described = describeError(error);
    return {
      ...shape,
      message: described.message,
      data: { ...shape.data, code: described.code, httpStatus: described.status, issues: described.issues, retryAfterSeconds: described.retryAfterSeconds, stack: undefined },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps domain errors to tRPC codes for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

type Access = typeof procedureAccess;
type PublicPath = { [K in ProcedurePath]: Access[K] extends 'public' ? K : never }[ProcedurePath];
type RestrictedPath = Exclude<ProcedurePath, PublicPath>;

/** Every mutation writes: on a (nearly) full disk it is refused before it starts, and reads go on. */
const guardStorage = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation') ctx.storage?.check();
  return next();
});

const base = t.procedure.use(mapErrors).use(guardStorage);

/** A procedure anyone may call. Its path must be listed as public in the permission table. */
export function publicProcedure(_path: PublicPath) {
  return base;
}

export const guardMessages = {
  signIn: 'Sign in to do this.',
  role: 'Your role does not allow this.',
  totp: 'Your role requires two-factor sign-in: set it up first (Account → Two-factor sign-in).',
} as const;

/**
 * A procedure for signed-in users holding one of the roles the permission table lists for its
 * path. Not signed in → UNAUTHORIZED, wrong role → FORBIDDEN. Narrows `ctx.user` to non-null.
 */
export function restrictedProcedure(path: RestrictedPath) {
  return base.use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: guardMessages.signIn });
    if (!mayCall(path, ctx.user.role)) throw new TRPCError({ code: 'FORBIDDEN', message: guardMessages.role });
    if (ctx.user.mustEnrollTotp && !allowedBeforeTotpEnrolment.includes(path)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: guardMessages.totp });
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}
