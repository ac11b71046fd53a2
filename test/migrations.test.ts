import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const db = new URL('../packages/db/', import.meta.url).pathname;

/** A schema change without its migration would work in tests (push) and break every deployment. */
describe('the schema and the committed migrations', () => {
  it('agree: generating from the schema finds nothing to add, and the history is consistent', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tracker-migrations-'));
    try {
      cpSync(join(db, 'migrations'), out, { recursive: true });
      const kit = join(db, '..', '..', 'node_modules', '.bin', 'drizzle-kit');
      const generated = await run(kit, ['generate', '--dialect=postgresql', '--schema=./src/schema/index.ts', `--out=${relative(db, out)}`], { cwd: db });
      expect(`${generated.stdout}${generated.stderr}`).toMatch(/No schema changes, nothing to migrate/);
      const checked = await run(kit, ['check', '--dialect=postgresql', '--out=migrations'], { cwd: db });
      expect(`${checked.stdout}${checked.stderr}`).toMatch(/Everything's fine/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
