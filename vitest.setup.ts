import { Keyring, useKeyring } from '@tracker/db/keyring';
import { afterEach, vi } from 'vitest';

// Each test file's own master key, as the server loads one from its key file.
useKeyring(Keyring.random('the test key'));

// A console.error during a test means something went wrong that no assertion caught: fail the test.
const errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    const messages = errors.map((args) => args.map(String).join(' ')).join('\n');
    errors.length = 0;
    throw new Error(`console.error was called during the test:\n${messages}`);
  }
});
