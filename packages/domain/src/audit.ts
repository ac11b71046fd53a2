import { z } from 'zod';
import { isoDateSchema, uuidSchema } from './identifiers';
import { accessActions } from './vocabulary';

const page = { before: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(50) };

export const auditListInput = z.object(page).default({ limit: 50 });

/** Filters of the access log (who read confidential material): account, action, record, days. */
export const accessLogInput = z
  .object({
    userId: uuidSchema.optional(),
    action: z.enum(accessActions).optional(),
    entityId: z.string().trim().min(1).max(100, 'A record id has at most 100 characters.').optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    ...page,
  })
  .refine((v) => !v.from || !v.to || v.to >= v.from, { message: 'to must not be before from.', path: ['to'] })
  .default({ limit: 50 });
