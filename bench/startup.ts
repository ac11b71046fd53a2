/**
 * How long the server takes from `node` to listening on an existing embedded database, compiled
 * (as `npm start` runs it) against the same sources compiled at run time by tsx, alternating, five
 * times each. `npm run bench:startup`
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'tracker-startup-'));
const env = { PATH: process.env['PATH'] ?? '', PORT: '0', TRACKER_DATA_DIR: join(root, 'data'), TRACKER_KEY_FILE: join(root, 'key') };

function untilListening(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, cwd: repo });
    let output = '';
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (!/listening on/.test(output)) return;
      const ms = performance.now() - started;
      child.kill('SIGTERM');
      child.on('exit', () => resolve(ms));
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('exit', (code) => {
      if (!/listening on/.test(output)) reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
execFileSync(process.execPath, [join(repo, 'apps/server/build.mjs')]);
try {
  await untilListening(['apps/server/dist/main.js']); // the first start migrates and seeds
  const compiled: number[] = [];
  const tsx: number[] = [];
  for (let i = 0; i < 5; i++) {
    compiled.push(await untilListening(['apps/server/dist/main.js']));
    tsx.push(await untilListening(['--import', 'tsx', 'apps/server/src/main.ts']));
  }
  console.log(`start to listening, median of 5: compiled ${Math.round(median(compiled))} ms, compiled at run time ${Math.round(median(tsx))} ms (${(median(compiled) / median(tsx)).toFixed(2)}×)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
