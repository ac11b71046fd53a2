import { resolve, sep } from 'node:path';
import { eq } from 'drizzle-orm';
import { compactTables } from './compact';
import type { Database, DbHandle } from './client';
import { readKeyFile, readOrCreateKeyFile, useKeyring, type Keyring } from './crypto/keyring';
import { sealStoredEvidence, unsealedConfidentialEvidence } from './queries/evidence-sealing';
import { sealTotpSecret, unsealedTotpSecrets } from './queries/users';
import { users } from './schema';
import { keyState, storeKeyCheck } from './secrets';

/** The database cannot be opened with the key it was given; nothing was changed. */
export class KeyRefused extends Error {
  override readonly name = 'KeyRefused';
}

/**
 * Loads the master key before anything is written: refuses a missing or wrong key when the
 * database holds encrypted data, and makes a new key file (256 bits, mode 0600) only when there is
 * nothing to open. The key file must not live inside the embedded data directory: a copy of the
 * folder would then carry its own key.
 */
export async function loadKey(db: Database, keyFile: string, dataDir?: string): Promise<{ keyring: Keyring; created: boolean }> {
  const path = resolve(keyFile);
  if (dataDir && (path + sep).startsWith(resolve(dataDir) + sep)) {
    throw new KeyRefused(`TRACKER_KEY_FILE (${path}) is inside the data directory ${resolve(dataDir)}: keep the key apart from the data it protects.`);
  }
  const state = await keyState(db);
  let keyring: Keyring | null;
  try {
    keyring = readKeyFile(path);
  } catch (error) {
    throw new KeyRefused(`${(error as Error).message} Nothing was changed.`);
  }
  let created = false;
  if (!keyring) {
    if (state.checked || state.encrypted) {
      throw new KeyRefused(
        `The database holds encrypted data, but the key file ${path} does not exist. Restore the key from where it was backed up, or point TRACKER_KEY_FILE at it. Nothing was changed.`,
      );
    }
    ({ keyring, created } = readOrCreateKeyFile(path));
  } else if (!state.opens(keyring) && state.encrypted) {
    throw new KeyRefused(`The key in ${path} does not open this database: it was encrypted with another key. Point TRACKER_KEY_FILE at the right key file. Nothing was changed.`);
  }
  useKeyring(keyring);
  return { keyring, created };
}

/** How many rows the sealing of existing data changed. */
export interface SealReport {
  evidence: number;
  accounts: number;
}

/**
 * Seals what was stored before encryption existed (confidential evidence and everything kept of
 * it, second-factor secrets), a batch per transaction so an interrupted run resumes, then cleans
 * the old row versions away. Does nothing when everything is sealed already.
 */
export async function sealExistingData(handle: DbHandle, keyring: Keyring, onProgress?: (done: number) => void): Promise<SealReport> {
  const { db } = handle;
  const state = await keyState(db);
  if (!state.checked || !state.opens(keyring)) await storeKeyCheck(db, keyring);
  const report: SealReport = { evidence: 0, accounts: 0 };
  for (;;) {
    const ids = await unsealedConfidentialEvidence(db, 100);
    if (ids.length === 0) break;
    await db.transaction(async (tx) => {
      for (const id of ids) await sealStoredEvidence(tx, id);
    });
    report.evidence += ids.length;
    onProgress?.(report.evidence);
  }
  for (;;) {
    const rows = await unsealedTotpSecrets(db, 100);
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of rows) if (row.totpSecret) await tx.update(users).set({ totpSecret: await sealTotpSecret(tx, row.id, row.totpSecret) }).where(eq(users.id, row.id));
    });
    report.accounts += rows.length;
  }
  if (report.evidence + report.accounts > 0) await compactTables(db);
  return report;
}
