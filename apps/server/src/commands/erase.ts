import { eraseEvidence, findLoginUser } from '@tracker/db';
import { evidenceEraseInput } from '@tracker/domain';
import type { Env } from '../env';
import { refused } from './refused';
import { withDatabase } from './database';

/** `tracker erase EVIDENCE_ID --reason "…" --as EMAIL`: erasure on request, as an administrator. */
export async function eraseCommand(env: Env, id: string, reason: string | undefined, asEmail: string | undefined): Promise<string> {
  const input = evidenceEraseInput.safeParse({ id, reason });
  if (!input.success) throw refused(input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  if (!asEmail) throw refused('Name the administrator who erases it: --as EMAIL.');
  return withDatabase(env, async (handle) => {
    const user = await findLoginUser(handle.db, asEmail);
    if (!user?.active || user.role !== 'admin') throw refused(`${asEmail} is not an active administrator account.`);
    const done = await eraseEvidence(handle.db, { id: user.id, role: user.role }, input.data);
    return `Erased evidence ${done.id} at ${done.erasedAt}: its content, files and data key are destroyed; the ledger records the erasure and still verifies.`;
  });
}
