import { listNotifications, mailPreferences, markNotificationsRead, setMailPreferences } from '@tracker/db';
import { mailPreferencesInput, notificationsListInput, notificationsMarkReadInput } from '@tracker/domain';
import { restrictedProcedure, router } from '../trpc';

/** A signed-in person's own notices and how they want them; nobody reads or marks another's. */
export const notificationsRouter = router({
  list: restrictedProcedure('notifications.list')
    .input(notificationsListInput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input)),
  markRead: restrictedProcedure('notifications.markRead')
    .input(notificationsMarkReadInput)
    .mutation(async ({ ctx, input }) => ({ marked: await markNotificationsRead(ctx.db, ctx.user.id, input.all ? 'all' : (input.ids ?? [])) })),
  preferences: restrictedProcedure('notifications.preferences').query(({ ctx }) => mailPreferences(ctx.db, ctx.user.id)),
  setPreferences: restrictedProcedure('notifications.setPreferences')
    .input(mailPreferencesInput)
    .mutation(({ ctx, input }) => setMailPreferences(ctx.db, ctx.user.id, input)),
});
