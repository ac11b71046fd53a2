/**
 * Sign-in throttling with exponential backoff, per account and per client address. After a few
 * free failures each further one doubles the wait (1 s, 2 s, 4 s … up to 15 minutes); a success
 * clears the account's count. Kept in memory: one process serves the tracker.
 */
interface Counter {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

const MAX_WAIT_MS = 15 * 60_000;
/** Counters of quiet keys are forgotten after this long. */
const FORGET_MS = 60 * 60_000;

export class LoginThrottle {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly freeAccountFailures = 5,
    private readonly freeAddressFailures = 20,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before another attempt is allowed; 0 when allowed now. */
  retryAfter(email: string, address: string | null): number {
    const t = this.now();
    return Math.max(0, ...this.keys(email, address).map((k) => (this.counters.get(k)?.blockedUntil ?? 0) - t));
  }

  failed(email: string, address: string | null): void {
    const t = this.now();
    this.keys(email, address).forEach((key, i) => {
      const free = i === 0 ? this.freeAccountFailures : this.freeAddressFailures;
      const c = this.counters.get(key);
      const counter = c && t - c.lastFailure < FORGET_MS ? c : { failures: 0, blockedUntil: 0, lastFailure: t };
      counter.failures++;
      counter.lastFailure = t;
      if (counter.failures >= free) counter.blockedUntil = t + Math.min(MAX_WAIT_MS, 1000 * 2 ** (counter.failures - free));
      this.counters.set(key, counter);
    });
    if (this.counters.size > 50_000) this.forgetQuiet(t);
  }

  succeeded(email: string): void {
    this.counters.delete(`account:${email.toLowerCase()}`);
  }

  private keys(email: string, address: string | null): string[] {
    return [`account:${email.toLowerCase()}`, ...(address ? [`address:${address}`] : [])];
  }

  private forgetQuiet(t: number) {
    for (const [key, c] of this.counters) if (t - c.lastFailure > FORGET_MS && c.blockedUntil < t) this.counters.delete(key);
  }
}
