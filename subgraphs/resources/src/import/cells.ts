import { Audience, DeliveryMode, ResourceKind } from '../resource/resource.enums';
import { CellError, RowProblem } from './cell-error';
import { parseSchedule } from './schedule';

/** The columns of a CSV catalogue, in the order the README lists them. */
export const COLUMNS = [
  'externalKey',
  'kind',
  'status',
  'title',
  'description',
  'categoryCodes',
  'audiences',
  'deliveryModes',
  'regionCodePrefixes',
  'siteIds',
  'capacityPerMonth',
  'leadTimeDays',
  'contactName',
  'contactPhone',
  'schedule',
  'orderForm',
] as const;

export type Column = (typeof COLUMNS)[number];

/** A row as `importResources` takes it (ImportResourceRow), with the line it came from. */
export type ImportRow = Record<string, unknown> & { externalKey: string; line: number };

const REQUIRED: Column[] = ['externalKey', 'kind'];

const list = (cell: string): string[] =>
  cell
    .split('|')
    .map((value) => value.trim())
    .filter(Boolean);

function oneOf(values: readonly string[]): (cell: string) => string {
  return (cell) => {
    const value = cell.toUpperCase();
    if (!values.includes(value)) throw new CellError(`"${cell}" is not one of ${values.join(', ')}`);
    return value;
  };
}

const listOf = (values: readonly string[]) => (cell: string) => list(cell).map(oneOf(values));

function wholeNumber(cell: string): number {
  if (!/^\d{1,9}$/.test(cell)) throw new CellError(`"${cell}" is not a whole number`);
  return Number(cell);
}

function formFields(cell: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    throw new CellError('is not JSON: write the fields as a JSON array such as [{"key":"attendees","label":"人数","type":"NUMBER"}]');
  }
  if (!Array.isArray(value) || !value.every((field) => field !== null && typeof field === 'object' && !Array.isArray(field))) {
    throw new CellError('must be a JSON array of form fields');
  }
  return value;
}

const text = (cell: string) => cell;

/** How each column's cell becomes a field of the row. */
const PARSERS: Record<Column, (cell: string) => unknown> = {
  externalKey: text,
  kind: oneOf(Object.values(ResourceKind)),
  status: oneOf(['DRAFT', 'PUBLISHED']),
  title: text,
  description: text,
  categoryCodes: list,
  audiences: listOf(Object.values(Audience)),
  deliveryModes: listOf(Object.values(DeliveryMode)),
  regionCodePrefixes: list,
  siteIds: list,
  capacityPerMonth: wholeNumber,
  leadTimeDays: wholeNumber,
  contactName: text,
  contactPhone: text,
  schedule: parseSchedule,
  orderForm: formFields,
};

/**
 * The row of a CSV record. An empty cell is a field not given (an update keeps the stored value);
 * a cell that does not parse is a problem of its line and column, and the row is not sent.
 */
export function rowFromCells(cells: Partial<Record<Column, string>>, line: number): { row: ImportRow | null; problems: RowProblem[] } {
  const row: Record<string, unknown> = { line };
  const problems: RowProblem[] = [];
  for (const column of COLUMNS) {
    const cell = cells[column]?.trim() ?? '';
    if (!cell) {
      if (REQUIRED.includes(column)) problems.push({ line, field: column, message: 'is required' });
      continue;
    }
    try {
      row[column] = PARSERS[column](cell);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      problems.push({ line, field: column, message: error.message });
    }
  }
  const { regionCodePrefixes, siteIds, ...rest } = row;
  if (regionCodePrefixes || siteIds) rest.serviceArea = { ...(regionCodePrefixes ? { regionCodePrefixes } : {}), ...(siteIds ? { siteIds } : {}) };
  return { row: problems.length ? null : (rest as ImportRow), problems };
}
