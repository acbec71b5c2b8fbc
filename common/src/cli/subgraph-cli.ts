import { join } from 'node:path';
import type { SubgraphConfig } from '../config/service-config';
import { openDataSource } from '../db/data-source';
import { printSubgraphSdl } from '../graphql/subgraph-schema';
import { SubgraphDefinition, loadDefinitionConfig } from '../server/subgraph';
import { schemaDir, writeOrCheck } from './schema-files';

function fail(error: unknown): never {
  process.stderr.write(`${(error as Error).message ?? error}\n`);
  process.exit(1);
}

/** `npm run schema [-- --check]`: prints the subgraph's SDL to schema/<name>.graphql. */
export async function printSchemaCommand(definition: SubgraphDefinition<object>, argv = process.argv.slice(2)): Promise<void> {
  const check = argv.includes('--check');
  const sdl = printSubgraphSdl(await definition.buildSchema());
  const file = join(schemaDir(), `${definition.name}.graphql`);
  if (!writeOrCheck(file, sdl, check)) fail(`schema/${definition.name}.graphql is stale: run \`npm run compose\` and commit schema/`);
  process.stdout.write(`${check ? 'checked' : 'wrote'} schema/${definition.name}.graphql\n`);
}

/** `npm run migrate`: creates the database if needed and applies pending migrations. */
export async function migrateCommand(definition: SubgraphDefinition<object>): Promise<void> {
  try {
    const config = loadDefinitionConfig(definition);
    const db = await openDataSource({ database: config.database, entities: definition.entities, migrations: definition.migrations });
    const applied = await db.runMigrations({ transaction: 'each' });
    await db.destroy();
    const where = config.database.kind === 'mysql' ? `MySQL database ${config.database.databaseName}` : config.database.location;
    process.stdout.write(`${definition.name}: ${applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'up to date'} (${where})\n`);
  } catch (error) {
    fail(error);
  }
}

/** `npm run seed`: migrates, then fills an empty database with demo data. */
export async function seedCommand<T extends object>(
  definition: SubgraphDefinition<T>,
  seed: (db: Awaited<ReturnType<typeof openDataSource>>, config: SubgraphConfig) => Promise<boolean>,
): Promise<void> {
  try {
    const config = loadDefinitionConfig(definition);
    const db = await openDataSource({ database: config.database, entities: definition.entities, migrations: definition.migrations, migrate: true });
    const wrote = await seed(db, config);
    await db.destroy();
    process.stdout.write(`${definition.name}: ${wrote ? 'demo data written' : 'database not empty, left as it is'}\n`);
  } catch (error) {
    fail(error);
  }
}
