export { appRouter, createCaller, type AppRouter } from './root';
export { createAuthServices, createContextInner, guardMessages, type AuthServices, type Context, type HttpExchange, type SessionUser } from './trpc';
export { hashPassword } from './auth/passwords';
export { hashToken } from './auth/tokens';
export { issueOneTimeLink, type OneTimeLink } from './auth/session';
export type { FieldIssue } from './errors';
export { totpCodeAt } from './auth/totp';
export { describeIssues, ImportRejected, parseEvidenceCsv } from './evidence-csv';
