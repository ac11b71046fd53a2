import { z } from 'zod';
import { uuidSchema } from './identifiers';
import { interfaceLanguages, mailTopics } from './vocabulary';

export const notificationsListInput = z
  .object({
    unreadOnly: z.boolean().optional(),
    /** The `createdAt` of the last notice shown: the page before it. */
    before: z.iso.datetime().optional(),
  })
  .default({});

/** The notices named, or all of the caller's; at most 200 at a time. */
export const notificationsMarkReadInput = z
  .object({ ids: z.array(uuidSchema).min(1).max(200).optional(), all: z.literal(true).optional() })
  .refine((v) => (v.ids ? 1 : 0) + (v.all ? 1 : 0) === 1, { message: 'Name the notices (ids) or mark them all (all: true).' });

/** The language mail is written in, and the topics the person does not want by mail. */
export const mailPreferencesInput = z.object({
  language: z.enum(interfaceLanguages),
  mailOff: z.array(z.enum(mailTopics)).max(mailTopics.length),
});
