import type { ImportRow } from './cells';
import { batches } from './import-run';

const row = (line: number, title = '讲座'): ImportRow => ({ externalKey: `K-${line}`, kind: 'SERVICE', title, line });

describe('batches', () => {
  it('cuts the rows into calls of the batch size, in order', () => {
    const rows = [1, 2, 3, 4, 5, 6, 7].map((line) => row(line));
    expect(batches(rows, 3).map((batch) => batch.map((each) => each.line))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('cuts earlier when the rows would make a request body too large for the services', () => {
    const long = '长'.repeat(1000);
    const rows = [1, 2, 3, 4].map((line) => row(line, long));
    const oneRow = Buffer.byteLength(JSON.stringify(rows[0])) + 1;
    expect(batches(rows, 1000, oneRow * 2).map((batch) => batch.length)).toEqual([2, 2]);
    expect(batches([row(1, long)], 1000, 10)).toEqual([[row(1, long)]]);
  });
});
