import { rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { VolunteersContext } from '../context';
import type { ServiceRecord } from './service-record.entity';

export const recordById = (ctx: VolunteersContext): DataLoader<string, ServiceRecord | null> =>
  ctx.loaders.get('recordById', () =>
    rowLoader(
      (ids) => ctx.records.loadByIds(ids),
      (record) => record.id,
    ),
  );
