import { addFollow, listFollows, removeFollow } from '@tracker/db';
import { followTargetInput } from '@tracker/domain';
import { restrictedProcedure, router } from '../trpc';

/** The States and recommendations a signed-in person follows; nobody reads or changes another's. */
export const followsRouter = router({
  list: restrictedProcedure('follows.list').query(({ ctx }) => listFollows(ctx.db, ctx.user.id)),
  add: restrictedProcedure('follows.add')
    .input(followTargetInput)
    .mutation(({ ctx, input }) => addFollow(ctx.db, ctx.user.id, input)),
  remove: restrictedProcedure('follows.remove')
    .input(followTargetInput)
    .mutation(({ ctx, input }) => removeFollow(ctx.db, ctx.user.id, input)),
});
