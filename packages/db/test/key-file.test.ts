import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyFile, readKeyFile, readOrCreateKeyFile } from '../src';

const run = promisify(execFile);
const keyringModule = resolve(__dirname, '../src/crypto/keyring.ts');

describe('the key file', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-key-file-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is made once, readable by its owner only, and never overwritten', () => {
    const path = join(tempDir(), 'key');
    const first = readOrCreateKeyFile(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = readOrCreateKeyFile(path);
    expect(again).toMatchObject({ created: false, keyring: { keyId: first.keyring.keyId } });
    expect(() => createKeyFile(path)).toThrow(/EEXIST/);
    expect(readKeyFile(path)?.keyId).toBe(first.keyring.keyId);
  });

  it('gives processes that start together one key: the losers read the winner’s file, never a half-written one', async () => {
    const dir = tempDir();
    const rounds = 300;
    // Each process makes the same files at the same instants (busy-waiting for them), so some
    // rounds land inside the gap between "there is no file" and "make one".
    const script = `import { readOrCreateKeyFile } from ${JSON.stringify(keyringModule)};
      const start = Number(process.argv[2]);
      const answers = [];
      for (let round = 0; round < ${rounds}; round += 1) {
        while (Date.now() < start + round * 4);
        try {
          const { keyring, created } = readOrCreateKeyFile(${JSON.stringify(dir)} + '/key-' + round);
          answers.push({ keyId: keyring.keyId, created });
        } catch (error) {
          answers.push({ error: String(error) });
        }
      }
      console.log(JSON.stringify(answers));`;
    const startAt = String(Date.now() + 2000);
    const tsx = resolve(__dirname, '../../../node_modules/.bin/tsx');
    const processes = await Promise.all(
      Array.from({ length: 4 }, async () => JSON.parse((await run(tsx, ['--input-type=module', '-e', script, startAt])).stdout) as Array<{ keyId?: string; created?: boolean; error?: string }>),
    );
    const problems: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const answers = processes.map((answers) => answers[round]);
      const errors = answers.flatMap((answer) => (answer?.error ? [answer.error] : []));
      if (errors.length > 0) problems.push(`round ${round}: ${errors.join('; ')}`);
      else if (new Set(answers.map((answer) => answer?.keyId)).size !== 1) problems.push(`round ${round}: different keys`);
      else if (answers.filter((answer) => answer?.created).length !== 1) problems.push(`round ${round}: not made exactly once`);
      else if (readKeyFile(join(dir, `key-${round}`))?.keyId !== answers[0]?.keyId) problems.push(`round ${round}: the file holds another key`);
    }
    expect(problems).toEqual([]);
    expect(readdirSync(dir).filter((name) => !/^key-\d+$/.test(name))).toEqual([]);
  }, 60_000);
});
