import { describe, expect, it } from 'vitest';
import { UploadGate } from '../src/http/upload-gate';

describe('the upload gate', () => {
  it('lets a bounded number through overall and per account; the rest wait their turn or are refused', async () => {
    const gate = new UploadGate({ overall: 2, perAccount: 1, queue: 2, waitMs: 200 });
    const a1 = await gate.enter('a');
    const b1 = await gate.enter('b');
    expect(a1).not.toBeNull();
    expect(b1).not.toBeNull();
    // Over the bounds: these wait (the queue holds two), and a fifth is refused at once.
    const a2 = gate.enter('a');
    const c1 = gate.enter('c');
    expect(await gate.enter('d')).toBeNull();
    a1?.();
    // The freed slot goes to the first waiter that fits: a's second upload.
    const granted = await a2;
    expect(granted).not.toBeNull();
    b1?.();
    expect(await c1).not.toBeNull();
  });

  it('gives up on a wait that lasts too long, and a release twice frees one slot', async () => {
    const gate = new UploadGate({ overall: 1, perAccount: 1, queue: 4, waitMs: 30 });
    const first = await gate.enter('a');
    expect(await gate.enter('b')).toBeNull();
    first?.();
    first?.();
    const again = await gate.enter('b');
    expect(again).not.toBeNull();
    expect(await gate.enter('c')).toBeNull();
  });
});
