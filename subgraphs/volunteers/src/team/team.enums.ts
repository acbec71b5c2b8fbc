import { registerEnumType } from 'type-graphql';

/** 总队 > 支队 > 队 */
export enum TeamLevel {
  CORPS = 'CORPS',
  DETACHMENT = 'DETACHMENT',
  TEAM = 'TEAM',
}

export enum TeamRole {
  LEADER = 'LEADER',
  DEPUTY = 'DEPUTY',
  MEMBER = 'MEMBER',
}

export enum TeamStatus {
  ACTIVE = 'ACTIVE',
  DISSOLVED = 'DISSOLVED',
}

registerEnumType(TeamLevel, { name: 'TeamLevel', description: 'Corps (总队) > detachment (支队) > team (队)' });
registerEnumType(TeamRole, { name: 'TeamRole' });
registerEnumType(TeamStatus, { name: 'TeamStatus' });

/** Which levels a team of each level may hang under (none: a top-level team). */
export const ALLOWED_PARENT_LEVELS: Record<TeamLevel, readonly TeamLevel[]> = {
  [TeamLevel.CORPS]: [],
  [TeamLevel.DETACHMENT]: [TeamLevel.CORPS],
  [TeamLevel.TEAM]: [TeamLevel.CORPS, TeamLevel.DETACHMENT],
};
