import type { Logger, SubgraphConfig } from '@practice/common';
import type { DataSource } from 'typeorm';

/** Placeholder until the demo generator lands. */
export async function seedDemoVolunteers(_db: DataSource, _log?: Logger, _config?: SubgraphConfig): Promise<boolean> {
  return false;
}
