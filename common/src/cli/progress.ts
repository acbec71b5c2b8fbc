/** Where a command writes: process.stdout and process.stderr, or buffers in tests. */
export interface Output {
  write(text: string): unknown;
}

const WIDTH = 20;

/**
 * A text progress bar, redrawn in place with `\r`: `checking [#####---------------] 250/1000 rows`,
 * with whatever the caller adds after the counts (rows written, seconds).
 */
export function progressBar(out: Output, label: string, total: number, unit = 'rows'): { update(done: number, note?: string): void; finish(): void } {
  const draw = (done: number, note?: string) => {
    const filled = total ? Math.min(WIDTH, Math.round((done / total) * WIDTH)) : WIDTH;
    out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${unit}${note ? `, ${note}` : ''}`);
  };
  draw(0);
  return { update: draw, finish: () => out.write('\n') };
}

/** What the demo seeders report after each chunk they write. */
export interface SeedStep {
  done: number;
  total: number;
  rows: number;
  elapsedMs: number;
}

/** A seeder's progress on stderr: one bar, redrawn after each chunk, ended when everything is written. */
export function seedProgress(label: string, unit: string, out: Output = process.stderr): (step: SeedStep) => void {
  let bar: ReturnType<typeof progressBar> | undefined;
  return ({ done, total, rows, elapsedMs }) => {
    bar ??= progressBar(out, label, total, unit);
    bar.update(done, `${rows} rows, ${(elapsedMs / 1000).toFixed(1)} s`);
    if (done >= total) bar.finish();
  };
}
