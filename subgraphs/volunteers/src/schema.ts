import { ReferenceResolvers, buildTypeGraphQLSubgraph } from '@practice/common';
import type { GraphQLSchema } from 'graphql';
import { ServiceHourGroupKeyResolver, StatsResolver, VolunteerGroupKeyResolver } from './analytics/stats.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { organizationById } from './organization/organization.loaders';
import { PointsResolver } from './points/points.resolver';
import { TicketMatchingResolver } from './matching/matching.resolver';
import { TicketReference, resolveTicketReference } from './matching/ticket.reference';
import { VolunteerReliabilityResolver } from './reliability/reliability.resolver';
import { LeaderboardResolver } from './service-record/leaderboard.resolver';
import { resolveServiceRecordReference } from './service-record/service-record.reference';
import { ServiceRecordResolver } from './service-record/service-record.resolver';
import { resolveSiteReference } from './site/site.reference';
import { SiteVolunteersResolver } from './site/site.resolver';
import { SkillResolver } from './skill/skill.resolver';
import { teamById } from './team/team.loaders';
import { TeamMemberResolver, TeamResolver } from './team/team.resolver';
import type { VolunteersContext } from './context';
import { skillById } from './volunteer/volunteer.loaders';
import { resolveVolunteerReference } from './volunteer/volunteer.reference';
import { VolunteerResolver } from './volunteer/volunteer.resolver';

export function buildVolunteersSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphQLSubgraph(
    {
      resolvers: [
        VolunteerResolver,
        SkillResolver,
        TeamResolver,
        TeamMemberResolver,
        OrganizationResolver,
        ServiceRecordResolver,
        LeaderboardResolver,
        PointsResolver,
        SiteVolunteersResolver,
        VolunteerReliabilityResolver,
        TicketMatchingResolver,
        StatsResolver,
        VolunteerGroupKeyResolver,
        ServiceHourGroupKeyResolver,
      ],
      // No field of this subgraph returns a Ticket: it is here for the fields it adds.
      orphanedTypes: [TicketReference],
    },
    {
      Volunteer: { __resolveReference: resolveVolunteerReference },
      ServiceRecord: { __resolveReference: resolveServiceRecordReference },
      Team: { __resolveReference: (reference: { id: string }, ctx: VolunteersContext) => teamById(ctx).load(reference.id) },
      Organization: { __resolveReference: (reference: { id: string }, ctx: VolunteersContext) => organizationById(ctx).load(reference.id) },
      Skill: { __resolveReference: (reference: { id: string }, ctx: VolunteersContext) => skillById(ctx).load(reference.id) },
      Site: { __resolveReference: resolveSiteReference },
      Ticket: { __resolveReference: resolveTicketReference },
    } as unknown as ReferenceResolvers,
  );
}
