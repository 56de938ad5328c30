/** Percentiles and spreads for the figures: exact, from every latency recorded (runs are seconds long). */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** (max − min) / median, as a percentage: how far the repetitions of one figure lie apart. */
export const spreadPercent = (values: number[]) => {
  const m = median(values);
  return values.length < 2 || !m ? 0 : ((Math.max(...values) - Math.min(...values)) / m) * 100;
};
