import { confirmSubscription, subscribe, unsubscribe } from '@tracker/db';
import { subscribeInput, subscriptionTokenInput } from '@tracker/domain';
import { reserveOrRefuse } from '../auth/throttle';
import { publicProcedure, router } from '../trpc';

/**
 * Mail for the public about a State or every State, without an account: double opt-in, and every
 * mail carries a link that ends it. Mail says only what the public feeds already show.
 */
export const subscriptionsRouter = router({
  /**
   * Sends a confirmation to the address. The answer is the same whether or not the address was
   * subscribed before, so it tells nobody who reads what. Throttled per address and per network,
   * so nobody can flood an inbox with confirmations.
   */
  subscribe: publicProcedure('subscriptions.subscribe')
    .input(subscribeInput)
    .mutation(async ({ ctx, input }) => {
      await reserveOrRefuse(ctx.db, ctx.auth.allowance, { scope: 'subscribe', subject: input.email, address: ctx.http?.clientAddress ?? null });
      await subscribe(ctx.db, input);
      return { confirmationSent: true };
    }),
  confirm: publicProcedure('subscriptions.confirm')
    .input(subscriptionTokenInput)
    .mutation(({ ctx, input }) => confirmSubscription(ctx.db, input.token)),
  unsubscribe: publicProcedure('subscriptions.unsubscribe')
    .input(subscriptionTokenInput)
    .mutation(({ ctx, input }) => unsubscribe(ctx.db, input.token)),
});
