export { appRouter, createCaller, type AppRouter } from './root';
export { createContextInner, type Context, type SessionUser } from './trpc';
export type { FieldIssue } from './errors';
