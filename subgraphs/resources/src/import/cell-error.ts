/** A cell of a source file that does not say what its column needs; its message completes `column: …`. */
export class CellError extends Error {}

/** A problem of a source file or of the API, at a line of the file. */
export interface RowProblem {
  /** Line of the file; 0 for problems of the whole file. */
  line: number;
  /** The column, or the field of the row, e.g. `schedule[0].closesAt`. */
  field: string;
  message: string;
}

export const formatProblem = (problem: RowProblem): string =>
  `${problem.line ? `line ${problem.line}, ` : ''}${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
