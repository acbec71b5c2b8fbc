/** Latencies and refusals per operation of a load run. */
export class LoadStats {
  private readonly latencies = new Map<string, number[]>();
  private readonly errors = new Map<string, Map<string, number>>();

  record(operation: string, ms: number, code?: string): void {
    const times = this.latencies.get(operation) ?? [];
    times.push(ms);
    this.latencies.set(operation, times);
    if (!code) return;
    const codes = this.errors.get(operation) ?? new Map<string, number>();
    codes.set(code, (codes.get(code) ?? 0) + 1);
    this.errors.set(operation, codes);
  }

  get total(): number {
    return [...this.latencies.values()].reduce((sum, times) => sum + times.length, 0);
  }

  get failed(): number {
    return [...this.errors.values()].reduce((sum, codes) => sum + [...codes.values()].reduce((a, b) => a + b, 0), 0);
  }

  /** A table: requests, per second, errors by code and p50/p90/p99 per operation, then the totals. */
  report(seconds: number): string {
    const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    const lines = [
      `${'operation'.padEnd(22)} ${'requests'.padStart(8)} ${'per s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p90 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  errors`,
    ];
    for (const [operation, times] of [...this.latencies].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...times].sort((a, b) => a - b);
      const codes = [...(this.errors.get(operation) ?? new Map<string, number>())].map(([code, count]) => `${code} ${count}`).join(', ');
      lines.push(
        `${operation.padEnd(22)} ${String(times.length).padStart(8)} ${(times.length / seconds).toFixed(1).padStart(7)} ${[50, 90, 99]
          .map((p) => percentile(sorted, p).toFixed(0).padStart(7))
          .join(' ')}  ${codes || '-'}`,
      );
    }
    const all: Map<string, number> = new Map();
    for (const codes of this.errors.values()) for (const [code, count] of codes) all.set(code, (all.get(code) ?? 0) + count);
    lines.push(
      `total: ${this.total} requests in ${seconds.toFixed(0)} s, ${(this.total / seconds).toFixed(1)} per s; errors ${this.failed} (${((100 * this.failed) / Math.max(1, this.total)).toFixed(2)} %)${
        all.size ? `: ${[...all].map(([code, count]) => `${code} ${count}`).join(', ')}` : ''
      }`,
    );
    return lines.join('\n');
  }
}
