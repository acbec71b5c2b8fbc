import { rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { VolunteersContext } from '../context';
import type { Organization } from './organization.entity';

export const organizationById = (ctx: VolunteersContext): DataLoader<string, Organization | null> =>
  ctx.loaders.get('organizationById', () =>
    rowLoader(
      (ids) => ctx.organizations.loadByIds(ids),
      (organization) => organization.id,
    ),
  );
