import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLResult } from '@practice/common/testing';
import { checkCharacter } from '@practice/volunteers/volunteer/id-number';
import { DocumentNode, FieldDefinitionNode, Kind, ObjectTypeDefinitionNode, parse, print } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Supergraph } from './supergraph';

/** The composed schema that the gateway serves, as committed beside the code. */
export const SUPERGRAPH: DocumentNode = parse(readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8'));

export function objectType(name: string): ObjectTypeDefinitionNode {
  const type = SUPERGRAPH.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name);
  if (!type) throw new Error(`No type ${name} in the supergraph`);
  return type;
}

export const mutationFields = (): readonly FieldDefinitionNode[] => objectType('Mutation').fields ?? [];

const SCALARS = new Set(['ID', 'String', 'Int', 'Float', 'Boolean', 'DateTimeISO']);

/** `mutation($input: X!) { name(input: $input) { __typename } }`, from the field's own arguments. */
export function mutationDocument(field: FieldDefinitionNode): string {
  const args = field.arguments ?? [];
  const declared = args.map((arg) => `$${arg.name.value}: ${print(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name.value}: $${arg.name.value}`).join(', ');
  let type = field.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  const selection = SCALARS.has(type.name.value) ? '' : ' { __typename }';
  return `mutation${declared ? `(${declared})` : ''} { ${field.name.value}${passed ? `(${passed})` : ''}${selection} }`;
}

export function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data!;
}

let people = 0;
/** A fresh resident (valid GB 11643 ID number, unused phone) for each registration of a run. */
export function resident(prefix = '1390'): { idNumber: string; phone: string; n: number } {
  const n = ++people;
  const day = String(1 + Math.floor(n / 900)).padStart(2, '0');
  const first17 = `32058119900${1 + (Math.floor(n / 900) > 27 ? 1 : 0)}${day}${String(100 + (n % 900)).padStart(3, '0')}`;
  return { idNumber: `${first17}${checkCharacter(first17)}`, phone: `${prefix}${String(n).padStart(7, '0')}`, n };
}

const VOLATILE_TABLES = /^(sqlite_|migrations$|typeorm_|outbox_event$|inbox_event$)/;

/**
 * A digest of every row of a subgraph's own tables: equal digests before and after a refused call
 * mean the refusal wrote nothing (events between subgraphs are left out: they settle on their own).
 */
export async function digest(db: DataSource): Promise<string> {
  const tables = (await db.query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)) as { name: string }[];
  const hash = createHash('sha256');
  for (const { name } of tables) {
    if (VOLATILE_TABLES.test(name)) continue;
    const rows: unknown[] = await db.query(`SELECT * FROM "${name}" ORDER BY rowid`);
    hash.update(name).update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

/** Waits until every subgraph's outbox has delivered, so that no event lands while a digest is taken. */
export async function settled(supergraph: Supergraph): Promise<void> {
  for (let i = 0; i < 200; i++) {
    let pending = 0;
    for (const subgraph of [supergraph.sites, supergraph.volunteers, supergraph.resources, supergraph.tickets]) {
      const has = (await subgraph.db.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'outbox_event'`)) as unknown[];
      if (!has.length) continue;
      const [{ count }] = (await subgraph.db.query(`SELECT COUNT(*) AS count FROM outbox_event WHERE delivered_at IS NULL AND failed_at IS NULL`)) as {
        count: number;
      }[];
      pending += Number(count);
    }
    if (!pending) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The outboxes did not deliver in time');
}
