import { elementLines, parseJsonRows } from './json-rows';

const FILE = `[
  { "externalKey": "A-1", "kind": "SERVICE", "title": "讲座 [一]", "description": "含 \\"引号\\" 和 {括号}" },
  {
    "externalKey": "A-2",
    "kind": "VENUE",
    "schedule": [{ "days": [1, 2], "opensAt": "09:00", "closesAt": "17:00" }]
  },

  {"externalKey": "A-3", "kind": "EXPERT", "line": 99}
]
`;

describe('JSON rows', () => {
  it('gives each element of the top-level array the line it starts on, whatever strings and nesting it holds', () => {
    expect(elementLines(FILE)).toEqual([2, 3, 9]);
    expect(elementLines('[{"a":1},{"b":[1,2]},\n\n"x",\n3]')).toEqual([1, 1, 3, 4]);
    expect(elementLines('[]')).toEqual([]);
  });

  it('reads the rows with their lines, replacing a line a row gives itself', () => {
    const { rows, problems } = parseJsonRows(`\uFEFF${FILE}`);
    expect(problems).toEqual([]);
    expect(rows.map((row) => [row.externalKey, row.line])).toEqual([
      ['A-1', 2],
      ['A-2', 3],
      ['A-3', 9],
    ]);
    expect(rows[1].schedule).toEqual([{ days: [1, 2], opensAt: '09:00', closesAt: '17:00' }]);
  });

  it('reports elements that are not rows, and rows without a key or kind, at their lines', () => {
    const { rows, problems } = parseJsonRows('[\n  {"externalKey": "A", "kind": "SERVICE"},\n  "row",\n  {"kind": "SERVICE"}\n]');
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([
      { line: 3, field: '', message: expect.stringContaining('must be an object') },
      { line: 4, field: 'externalKey', message: 'is required' },
    ]);
  });

  it('reports a file that is not JSON, or not an array', () => {
    expect(parseJsonRows('[\n{"externalKey": "A",}\n]').problems).toEqual([
      { line: expect.any(Number), field: '', message: expect.stringMatching(/^not JSON/) },
    ]);
    expect(parseJsonRows('{"rows": []}').problems).toEqual([{ line: 1, field: '', message: 'must be a JSON array of rows' }]);
  });
});
