import type { Logger } from '@practice/common';
import type { DataSource } from 'typeorm';

/** Placeholder until the demo generator lands. */
export async function seedDemoVolunteers(_db: DataSource, _log?: Logger): Promise<boolean> {
  return false;
}
