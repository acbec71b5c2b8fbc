import type { FieldProblem } from '@practice/common';
import { ContentChanges, ResourceContent, contentChanges, mergedContent } from './resource.content';
import type { Resource } from './resource.entity';
import { ResourceStatus } from './resource.enums';
import type { ImportResourceRow } from './resource.inputs';
import { ImportOutcome } from './resource-import.types';

/** A resource of the publisher as the import read it. */
export interface StoredResource {
  resource: Resource;
  content: ResourceContent;
}

/** What the import does with one row. */
export interface PlannedRow {
  row: ImportResourceRow;
  existing: StoredResource | null;
  content: ResourceContent;
  status: ResourceStatus;
  /** The fields that change, status included; empty for an unchanged row. */
  changes: ContentChanges;
  outcome: ImportOutcome;
  /** Whether the row makes the resource PUBLISHED (a new one, or a draft or withdrawn one). */
  publishes: boolean;
}

export const rowPath = (index: number): string => `input.rows[${index}]`;

/** A problem of a row, with the row's line when it gave one. */
export const rowProblem = (row: ImportResourceRow, index: number, field: string, message: string): FieldProblem => ({
  field: `${rowPath(index)}.${field}`,
  message,
  ...(row.line ? { line: row.line } : {}),
});

/** Every row after the first with the same externalKey: which of them would win is anybody's guess. */
export function repeatedKeys(rows: readonly ImportResourceRow[]): FieldProblem[] {
  const first = new Map<string, number>();
  const problems: FieldProblem[] = [];
  rows.forEach((row, index) => {
    const seen = first.get(row.externalKey);
    if (seen === undefined) first.set(row.externalKey, index);
    else {
      const where = rows[seen].line ? `line ${rows[seen].line}` : rowPath(seen);
      problems.push(rowProblem(row, index, 'externalKey', `repeats the key ${row.externalKey} of ${where}`));
    }
  });
  return problems;
}

/** Problems in the order of the rows they belong to (a stable sort: a row's own problems keep their order). */
export function inRowOrder(problems: FieldProblem[]): FieldProblem[] {
  const index = (problem: FieldProblem) => Number(/^input\.rows\[(\d+)\]/.exec(problem.field)?.[1] ?? -1);
  return [...problems].sort((a, b) => index(a) - index(b));
}

/**
 * A PUBLISHED row (the default) publishes; a DRAFT row creates a draft and leaves the status of
 * an existing resource alone, so that a catalogue kept as drafts is not published by a re-import.
 */
function statusAfter(row: ImportResourceRow, existing: StoredResource | null): ResourceStatus {
  if ((row.status ?? ResourceStatus.PUBLISHED) === ResourceStatus.PUBLISHED) return ResourceStatus.PUBLISHED;
  return existing?.resource.status ?? ResourceStatus.DRAFT;
}

/** What each row does to the stored resources: the fields a row gives replace the stored ones, the others stay. */
export function planRows(
  rows: readonly ImportResourceRow[],
  stored: ReadonlyMap<string, StoredResource>,
  defaultArea: ResourceContent['serviceArea'],
): PlannedRow[] {
  return rows.map((row) => {
    const existing = stored.get(row.externalKey) ?? null;
    const content = mergedContent(existing?.content ?? null, row, defaultArea);
    const status = statusAfter(row, existing);
    const changes = contentChanges(existing?.content ?? null, content);
    const before = existing?.resource.status ?? null;
    // A new draft's audit names no status, as createResource's does not.
    if (status !== (before ?? ResourceStatus.DRAFT)) changes.status = { from: before, to: status };
    const outcome = !existing ? ImportOutcome.CREATED : Object.keys(changes).length ? ImportOutcome.UPDATED : ImportOutcome.UNCHANGED;
    return { row, existing, content, status, changes, outcome, publishes: status === ResourceStatus.PUBLISHED && before !== ResourceStatus.PUBLISHED };
  });
}
