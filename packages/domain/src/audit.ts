import { z } from 'zod';
import { isoDateSchema, uuidSchema } from './identifiers';
import { accessActions, auditActions } from './vocabulary';

/**
 * The filters both logs share: account, record, days (inclusive, UTC) and a page before a `seq`;
 * each log adds its own list of actions.
 */
const logFilter = <A extends readonly [string, ...string[]]>(actions: A) =>
  z
    .object({
      userId: uuidSchema.optional(),
      action: z.enum(actions).optional(),
      entityId: z.string().trim().min(1).max(100, 'A record id has at most 100 characters.').optional(),
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      before: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .refine((v) => !v.from || !v.to || v.to >= v.from, { message: 'to must not be before from.', path: ['to'] })
    .default({ limit: 50 });

/** Filters of the change ledger: who (account), which action, which record, when. */
export const auditListInput = logFilter(auditActions);

/** Filters of the access log (who read confidential material): account, action, record, days. */
export const accessLogInput = logFilter(accessActions);
