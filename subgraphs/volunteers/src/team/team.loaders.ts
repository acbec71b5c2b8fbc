import { rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { VolunteersContext } from '../context';
import type { Team } from './team.entity';

export const teamById = (ctx: VolunteersContext): DataLoader<string, Team | null> =>
  ctx.loaders.get('teamById', () =>
    rowLoader(
      (ids) => ctx.teams.loadByIds(ids),
      (team) => team.id,
    ),
  );
