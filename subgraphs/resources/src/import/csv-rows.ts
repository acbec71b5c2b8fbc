import { CsvError, parse } from 'csv-parse/sync';
import { RowProblem } from './cell-error';
import { COLUMNS, Column, ImportRow, rowFromCells } from './cells';

export interface SourceRows {
  rows: ImportRow[];
  problems: RowProblem[];
}

const newlines = (text: string): number => text.split('\n').length - 1;

/**
 * The rows of a CSV catalogue: a header row naming the columns, then one record per resource.
 * Each row keeps the line its record starts on (the header is line 1; a quoted cell may span lines).
 */
export function parseCsv(source: string): SourceRows {
  // One line ending, so that csv-parse's raw records add up to the text and lines can be counted.
  const text = source.replace(/\r\n?/g, '\n');
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, { bom: true, raw: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { rows: [], problems: [{ line: (error as CsvError & { lines?: number }).lines ?? 0, field: '', message: `not CSV: ${error.message}` }] };
  }
  const problems: RowProblem[] = [];
  const rows: ImportRow[] = [];
  let line = 1;
  const [header, ...body] = records.map(({ record, raw }) => {
    // Skipped empty lines come at the head of the next record's raw text.
    const start = line + raw.length - raw.replace(/^\n+/, '').length;
    line += newlines(raw);
    return { record, line: start };
  });
  if (!header) return { rows, problems: [{ line: 0, field: '', message: 'the file is empty' }] };
  const columns = header.record.map((name) => name.trim());
  columns.forEach((name) => {
    if (!(COLUMNS as readonly string[]).includes(name))
      problems.push({ line: header.line, field: name, message: `is not a column; the columns are ${COLUMNS.join(', ')}` });
  });
  for (const required of ['externalKey', 'kind']) {
    if (!columns.includes(required)) problems.push({ line: header.line, field: required, message: 'the header lacks this column' });
  }
  if (problems.length) return { rows, problems };
  for (const { record, line: at } of body) {
    // Spreadsheets write rows of empty cells after the last one.
    if (record.every((cell) => !cell.trim())) continue;
    if (record.length !== columns.length) {
      problems.push({ line: at, field: '', message: `has ${record.length} cells where the header has ${columns.length}` });
      continue;
    }
    const cells = Object.fromEntries(columns.map((name, index) => [name, record[index]])) as Partial<Record<Column, string>>;
    const { row, problems: found } = rowFromCells(cells, at);
    problems.push(...found);
    if (row) rows.push(row);
  }
  return { rows, problems };
}
