import { groupLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { VolunteersContext } from '../context';
import type { Skill } from './skill.entity';

export const skillChildren = (ctx: VolunteersContext): DataLoader<string, Skill[]> =>
  ctx.loaders.get('skillChildren', () =>
    groupLoader(
      (ids) => ctx.skills.childrenOf(ids),
      (skill) => skill.parentId!,
    ),
  );
