/**
 * Bounds how many large request bodies (attachments, CSV imports) are read and processed at once,
 * overall and per account, so concurrent uploads cannot take the server's memory. An upload past
 * the bound waits its turn, without its body being read; past the queue it is refused at once.
 */
export interface UploadLimits {
  overall: number;
  perAccount: number;
  /** Uploads waiting for a turn, overall; beyond it the next one is refused. */
  queue: number;
  /** How long an upload waits for a turn before it is refused. */
  waitMs: number;
}

export const defaultUploadLimits: UploadLimits = { overall: 4, perAccount: 2, queue: 16, waitMs: 30_000 };

interface Waiter {
  account: string;
  grant: () => void;
}

export class UploadGate {
  private running = 0;
  private readonly perAccount = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: UploadLimits = defaultUploadLimits) {}

  /** Resolves to a release function once the upload may go ahead; null when it is refused. */
  async enter(account: string): Promise<(() => void) | null> {
    if (this.fits(account)) return this.take(account);
    if (this.waiting.length >= this.limits.queue) return null;
    return new Promise((resolve) => {
      const waiter: Waiter = { account, grant: () => resolve(this.take(account)) };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(null);
      }, this.limits.waitMs);
      waiter.grant = () => {
        clearTimeout(timer);
        resolve(this.take(account));
      };
      this.waiting.push(waiter);
    });
  }

  private fits(account: string): boolean {
    return this.running < this.limits.overall && (this.perAccount.get(account) ?? 0) < this.limits.perAccount;
  }

  private take(account: string): () => void {
    this.running++;
    this.perAccount.set(account, (this.perAccount.get(account) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.perAccount.get(account) ?? 1) - 1;
      if (left > 0) this.perAccount.set(account, left);
      else this.perAccount.delete(account);
      this.admitNext();
    };
  }

  private admitNext(): void {
    const next = this.waiting.findIndex((w) => this.fits(w.account));
    if (next < 0) return;
    const [waiter] = this.waiting.splice(next, 1);
    waiter?.grant();
  }
}
