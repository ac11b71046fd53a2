import { readFile, writeFile } from 'node:fs/promises';
import { exportCatalogue, findLoginUser, importCatalogue } from '@tracker/db';
import { catalogueDocument } from '@tracker/domain';
import type { Env } from '../env';
import { refused } from './refused';
import { withDatabase } from './database';

export async function exportCatalogueCommand(env: Env, file: string): Promise<string> {
  return withDatabase(env, async (handle) => {
    const doc = await exportCatalogue(handle.db);
    await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
    const recs = doc.frameworks.flatMap((f) => f.groups.flatMap((g) => g.recommendations)).length;
    return `Wrote ${doc.frameworks.length} framework(s) and ${recs} recommendation(s) to ${file}.`;
  });
}

/** Validates the whole document first; then adds and updates in one transaction, as an admin. */
export async function importCatalogueCommand(env: Env, file: string, asEmail: string | undefined): Promise<string> {
  if (!asEmail) throw refused('Say which administrator imports: --as EMAIL.');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw refused(`${file} is not a readable JSON file: ${(error as Error).message}`);
  }
  const parsed = catalogueDocument.safeParse(raw);
  if (!parsed.success) {
    throw refused(['Nothing was imported:', ...parsed.error.issues.slice(0, 50).map((i) => `  ${i.path.join('.')}: ${i.message}`)].join('\n'));
  }
  return withDatabase(env, async (handle) => {
    const user = await findLoginUser(handle.db, asEmail);
    if (!user || !user.active || user.role !== 'admin') throw refused(`${asEmail} is not an active administrator account.`);
    const report = await importCatalogue(handle.db, { id: user.id, role: user.role }, parsed.data);
    return `Catalogue imported: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged.`;
  });
}
