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
