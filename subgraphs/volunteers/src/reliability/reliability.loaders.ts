import type { LoaderRegistry } from '@practice/common';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { VolunteerReliability, freshReliability } from './reliability.entity';

/** Each volunteer's counters, one statement per batch; a volunteer no event has named yet has zeros. */
export const reliabilityOf = (loaders: LoaderRegistry, db: DataSource): DataLoader<string, VolunteerReliability> =>
  loaders.get(
    'reliabilityOf',
    () =>
      new DataLoader<string, VolunteerReliability>(
        async (ids) => {
          const rows = await db.getRepository(VolunteerReliability).findBy({ volunteerId: In([...ids]) });
          const byId = new Map(rows.map((row) => [row.volunteerId, row]));
          return ids.map((id) => byId.get(id) ?? freshReliability(id));
        },
        { maxBatchSize: 1000 },
      ),
  );
