import { procedureAccess, type ProcedurePath } from '@tracker/domain';
import { appRouter } from './root';

/**
 * The queries whose answer is the same for everyone who sends no session: every public read, and
 * `auth.me` (which answers null without one). `audit.head` moves with every ledger entry, public or
 * not, so it is left out.
 */
export const sessionlessReads: ReadonlySet<string> = new Set(
  Object.entries(appRouter._def.procedures)
    .filter(([path, procedure]) => (procedure as unknown as { _def: { type: string } })._def.type === 'query' && procedureAccess[path as ProcedurePath] === 'public' && path !== 'audit.head')
    .map(([path]) => path),
);
