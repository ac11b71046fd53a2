import { z } from 'zod';
import { emailSchema } from './accounts';
import { iso3Schema, recommendationKeySchema } from './identifiers';
import { interfaceLanguages } from './vocabulary';

/** A State or a recommendation a signed-in person follows: exactly one of the two. */
export const followTargetInput = z
  .object({ iso3: iso3Schema.optional(), recommendationKey: recommendationKeySchema.optional() })
  .refine((v) => (v.iso3 ? 1 : 0) + (v.recommendationKey ? 1 : 0) === 1, { message: 'Name one State (iso3) or one recommendation (recommendationKey).' });

/** The most States and recommendations one person may follow. */
export const MAX_FOLLOWS = 200;

/**
 * A member of the public asks for mail about one State, or about every State when `iso3` is left
 * out. Nothing is sent but a confirmation until they open its link.
 */
export const subscribeInput = z.object({
  email: emailSchema,
  iso3: iso3Schema.nullish(),
  language: z.enum(interfaceLanguages).default('en'),
});

/**
 * The token in a subscription's links: the subscription's id and a keyed hash of it, so the
 * tracker keeps no token and a link cannot be guessed or moved to another subscription.
 */
export const subscriptionTokenSchema = z
  .string()
  .trim()
  .regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, 'This link is not complete; open it again from the mail.');

export const subscriptionTokenInput = z.object({ token: subscriptionTokenSchema });

/** How long a confirmation link works; an address not confirmed by then is forgotten. */
export const SUBSCRIPTION_CONFIRM_DAYS = 7;
