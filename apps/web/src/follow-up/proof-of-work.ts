import { sha256 } from '@noble/hashes/sha2.js';
import { leadingZeroBits } from '@tracker/domain';

const encoder = new TextEncoder();

/**
 * Finds the nonce the tracker asks for before it takes a submission from /share (see
 * INTAKE_WORK_BITS): a second or so of this browser's time, in slices so the page stays responsive.
 * Works without a secure context (a tracker on a local network over plain HTTP has no WebCrypto).
 */
export async function solveProofOfWork(challenge: string, bits: number): Promise<string> {
  const SLICE = 4000;
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(sha256(encoder.encode(`${challenge}:${nonce}`))) >= bits) return String(nonce);
    if (nonce % SLICE === SLICE - 1) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
