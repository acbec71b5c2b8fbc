import { RowProblem } from './cell-error';
import type { ImportRow } from './cells';
import type { SourceRows } from './csv-rows';

/** The line on which each element of the top-level array of a valid JSON text starts. */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectingElement = false;
  for (const char of text) {
    if (char === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
    if (depth === 1 && expectingElement && char !== ']') {
      lines.push(line);
      expectingElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') expectingElement = ++depth === 1;
    else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectingElement = true;
  }
  return lines;
}

/** The line of a character offset, for JSON.parse's errors. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/**
 * The rows of a JSON catalogue: an array of objects shaped like ImportResourceRow, each given the
 * line its element starts on (any `line` of its own is replaced).
 */
export function parseJsonRows(source: string): SourceRows {
  const text = source.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = /position (\d+)/.exec((error as Error).message)?.[1];
    return { rows: [], problems: [{ line: offset ? lineAt(text, Number(offset)) : 0, field: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  if (!Array.isArray(value)) return { rows: [], problems: [{ line: 1, field: '', message: 'must be a JSON array of rows' }] };
  const lines = elementLines(text);
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  value.forEach((element: unknown, index) => {
    const line = lines[index];
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
      problems.push({ line, field: '', message: 'must be an object with the fields of a row' });
      return;
    }
    const row = element as Record<string, unknown>;
    const missing = ['externalKey', 'kind'].filter((field) => typeof row[field] !== 'string' || !row[field]);
    problems.push(...missing.map((field) => ({ line, field, message: 'is required' })));
    if (!missing.length) rows.push({ ...row, line } as ImportRow);
  });
  return { rows, problems };
}
