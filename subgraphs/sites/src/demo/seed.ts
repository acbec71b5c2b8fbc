import { Logger, uuidv7 } from '@practice/common';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { Designation } from '../designation/designation.entity';
import { SiteManager } from '../manager/manager.entity';
import { Site } from '../site/site.entity';
import type { DemoNetwork } from './county-network';
import { DemoScaleName, demoNetwork } from './demo-scale';

const BATCH = 200;

async function insertBatches<T extends ObjectLiteral>(manager: EntityManager, entity: new () => T, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

/** Repeatable ids for rows derived from a site: the time part from the index, the rest from the site id. */
const derivedId = (base: number, index: number, siteId: string) => uuidv7(base + index, () => Buffer.from(siteId.replace(/-/g, ''), 'hex'));

/** Writes a generated network in one transaction (its sites come parents first). */
export async function writeNetwork(db: DataSource, network: DemoNetwork): Promise<void> {
  await db.transaction(async (manager) => {
    await insertBatches(
      manager,
      Site,
      network.sites.map(({ designations: _designations, ...site }) => site),
    );
    await insertBatches(
      manager,
      Designation,
      network.sites.flatMap((site, index) =>
        site.designations.map((designation, j) => ({
          id: derivedId(Date.UTC(2024, 0, 1), index * 10 + j, site.id),
          siteId: site.id,
          ...designation,
          designatedBy: 'demo-data',
        })),
      ),
    );
    await insertBatches(
      manager,
      SiteManager,
      network.managers.map((manager, index) => ({
        id: derivedId(Date.UTC(2024, 0, 2), index, manager.siteId),
        ...manager,
        assignedBy: 'demo-data',
      })),
    );
  });
}

/** Fills an empty sites database with the demo county; leaves a database with any site alone. */
export async function seedDemoSites(db: DataSource, log?: Logger, options: { counties?: number; seed?: number; scale?: DemoScaleName } = {}): Promise<boolean> {
  if ((await db.getRepository(Site).count()) > 0) return false;
  const network = demoNetwork(options);
  await writeNetwork(db, network);
  log?.info('demo sites written', { sites: network.sites.length, managers: network.managers.length });
  return true;
}
