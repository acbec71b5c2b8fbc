import 'reflect-metadata';
import { IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';
import { GraphQLInputObjectType, GraphQLNonNull } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { AppError, ErrorCode, FieldProblem } from '../errors/errors';
import { validateArgument } from './validation';

class Slot {
  @Matches(/^\d{2}:\d{2}$/)
  opensAt!: string;
}

class Row {
  @Matches(/^[A-Z]+$/)
  key!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  line?: number;

  @IsOptional()
  @ValidateNested()
  slots?: Slot[];
}

class Batch {
  @Matches(/^\d+$/)
  owner!: string;

  @ValidateNested()
  rows!: Row[];
}

/** What type-graphql hands the validator for the argument `input: Batch!` of a field `importRows`. */
const data = {
  info: {
    fieldName: 'importRows',
    parentType: {
      getFields: () => ({ importRows: { args: [{ name: 'input', type: new GraphQLNonNull(new GraphQLInputObjectType({ name: 'Batch', fields: {} })) }] } }),
    },
  },
} as unknown as ResolverData<object>;

async function problemsOf(value: object): Promise<FieldProblem[]> {
  try {
    await validateArgument(value, Batch, data);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return (error as AppError).extensions.problems as FieldProblem[];
  }
  return [];
}

const row = (fields: Partial<Row>): Row => Object.assign(new Row(), fields);
const slot = (opensAt: string): Slot => Object.assign(new Slot(), { opensAt });
const batch = (owner: string, rows: Row[]): Batch => Object.assign(new Batch(), { owner, rows });

describe('validateArgument', () => {
  it('names each field by its path and gives the problems of a row, and of what lies inside it, the row’s line', async () => {
    const problems = await problemsOf(batch('x', [row({ key: 'OK', line: 2 }), row({ key: 'bad', line: 3, slots: [slot('9 am')] })]));
    expect(problems).toEqual([
      { field: 'input.owner', message: expect.any(String) },
      { field: 'input.rows[1].key', message: expect.any(String), line: 3 },
      { field: 'input.rows[1].slots[0].opensAt', message: expect.any(String), line: 3 },
    ]);
  });

  it('adds no line to the problems of rows without one, nor a line that is not a line number', async () => {
    const problems = await problemsOf(batch('1', [row({ key: 'bad' }), row({ key: 'bad', line: 0 })]));
    expect(problems).toEqual([
      { field: 'input.rows[0].key', message: expect.any(String) },
      { field: 'input.rows[1].key', message: expect.any(String) },
      { field: 'input.rows[1].line', message: expect.any(String) },
    ]);
  });

  it('passes a valid input', async () => {
    expect(await problemsOf(batch('1', [row({ key: 'OK', line: 2, slots: [slot('08:30')] })]))).toEqual([]);
  });
});
