import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../src';

describe('the embedded data directory lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the owner pid and removes the file on release', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'tracker.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'tracker.lock'))).toBe(false);
  });

  it('refuses a second owner while the first is running, naming its pid', () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'tracker.lock'), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another tracker process \\(pid ${other.pid}\\)`));
    } finally {
      other.kill();
    }
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const dir = tempDir();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(join(dir, 'tracker.lock'), String(gone.pid));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'tracker.lock'), 'utf8')).toBe(String(process.pid));
    // It says so: the database was not shut down cleanly, and the start tidies up after it.
    expect(release.recovered).toBe(true);
    release();
    expect(existsSync(join(dir, 'tracker.lock'))).toBe(false);
  });

  it('takes over a lock file with garbage in it, and then holds it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tracker.lock'), 'not a pid');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'tracker.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'tracker.lock'))).toBe(false);
  });
});
