/** Where the command writes: process.stdout and process.stderr, or buffers in tests. */
export interface Output {
  write(text: string): unknown;
}

const WIDTH = 20;

/** A text progress bar, redrawn in place with `\r`: `checking [#####---------------] 250/1000 rows`. */
export function progressBar(out: Output, label: string, total: number): { update(done: number): void; finish(): void } {
  const draw = (done: number) => {
    const filled = total ? Math.round((done / total) * WIDTH) : WIDTH;
    out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} rows`);
  };
  draw(0);
  return { update: draw, finish: () => out.write('\n') };
}
