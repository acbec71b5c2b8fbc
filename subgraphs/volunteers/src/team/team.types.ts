import { ConnectionType, EdgeType } from '@practice/common';
import { ObjectType } from 'type-graphql';
import { TeamMember } from './team-member.entity';
import { Team } from './team.entity';

@ObjectType()
export class TeamEdge extends EdgeType(Team) {}

@ObjectType()
export class TeamConnection extends ConnectionType(TeamEdge) {}

@ObjectType()
export class TeamMemberEdge extends EdgeType(TeamMember) {}

@ObjectType()
export class TeamMemberConnection extends ConnectionType(TeamMemberEdge) {}
