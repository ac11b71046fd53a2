import { checkIntakeProof, issueIntakeChallenge } from '@tracker/db';
import { Keyring, useKeyring } from '@tracker/db/keyring';
import { createTestDatabase } from '@tracker/db/testing';
import { solveProofOfWork } from '../apps/web/src/follow-up/proof-of-work';
import { median } from './measure';

/**
 * `npm run bench:intake-proof [-- SUBMISSIONS]`: what one submission from /share costs its sender
 * against what checking it costs the tracker. The sender's side is the browser's own solver (the
 * same code, run by Node); the tracker's is issuing the challenge and checking the answer on the
 * embedded database. A scripted flood pays the first figure per submission, the tracker the second.
 */
const submissions = Number(process.argv[2] ?? 25);

async function main() {
  useKeyring(Keyring.random('the benchmark key'));
  const database = await createTestDatabase('pglite', null);
  try {
    const sender: number[] = [];
    const tracker: number[] = [];
    for (let i = 0; i < submissions; i++) {
      const t0 = performance.now();
      const issued = await issueIntakeChallenge(database.db);
      const t1 = performance.now();
      const nonce = await solveProofOfWork(issued.challenge, issued.bits);
      const t2 = performance.now();
      await checkIntakeProof(database.db, { challenge: issued.challenge, nonce }, '203.0.113.7');
      const t3 = performance.now();
      sender.push(t2 - t1);
      tracker.push(t1 - t0 + (t3 - t2));
    }
    const s = median(sender);
    const k = median(tracker);
    console.log(`submissions                 ${submissions}`);
    console.log(`sender, median per proof    ${s.toFixed(1)} ms (max ${Math.max(...sender).toFixed(0)} ms)`);
    console.log(`tracker, issue + check      ${k.toFixed(2)} ms`);
    console.log(`sender / tracker            ${(s / k).toFixed(0)}×`);
  } finally {
    await database.drop();
  }
}

void main();
