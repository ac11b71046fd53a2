export interface Measurement {
  name: string;
  kind: string;
  rows: number;
  /** Median wall-clock milliseconds (for `fill`, the single run). */
  ms: number;
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Runs `work` once to warm up, then seven times; the median wall-clock milliseconds. */
export async function medianOfSeven(work: () => Promise<unknown>): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}
