import { EVENTS_PATH, InboxEvent, SubgraphDefinition, eventsRoute } from '@practice/common';
import { VolunteersServices, createVolunteersServices } from './context';
import { seedDemoVolunteers } from './demo/seed';
import { CreateVolunteers1733000000000 } from './migrations/1733000000000-CreateVolunteers';
import { SeedSkills1733000000001 } from './migrations/1733000000001-SeedSkills';
import { MatchingAndReliability1733000000002 } from './migrations/1733000000002-MatchingAndReliability';
import { ServiceHourIndexes1733000000003 } from './migrations/1733000000003-ServiceHourIndexes';
import { ServiceMonths1733000000004 } from './migrations/1733000000004-ServiceMonths';
import { VolunteerAssignment } from './reliability/assignment.entity';
import { VolunteerReliability } from './reliability/reliability.entity';
import { Organization } from './organization/organization.entity';
import { PointsEntry } from './points/points-entry.entity';
import { buildVolunteersSchema } from './schema';
import { ServiceMonth, ServiceMonthGroup } from './service-record/service-month.entity';
import { ServiceRecord } from './service-record/service-record.entity';
import { volunteersEnv } from './settings';
import { Skill } from './skill/skill.entity';
import { TeamMember } from './team/team-member.entity';
import { Team } from './team/team.entity';
import {
  VolunteerAvailability,
  VolunteerCategory,
  VolunteerScope,
  VolunteerServiceArea,
  VolunteerSkill,
  VolunteerStatusChange,
} from './volunteer/volunteer-profile.entities';
import { Volunteer } from './volunteer/volunteer.entity';

export const VOLUNTEERS_DEFAULT_PORT = 4002;

export const volunteersSubgraph: SubgraphDefinition<VolunteersServices> = {
  name: 'volunteers',
  defaultPort: VOLUNTEERS_DEFAULT_PORT,
  entities: [
    Skill,
    Volunteer,
    VolunteerSkill,
    VolunteerCategory,
    VolunteerServiceArea,
    VolunteerAvailability,
    VolunteerScope,
    VolunteerStatusChange,
    Organization,
    Team,
    TeamMember,
    ServiceRecord,
    ServiceMonth,
    ServiceMonthGroup,
    PointsEntry,
    VolunteerReliability,
    VolunteerAssignment,
    InboxEvent,
  ],
  migrations: [
    CreateVolunteers1733000000000,
    SeedSkills1733000000001,
    MatchingAndReliability1733000000002,
    ServiceHourIndexes1733000000003,
    ServiceMonths1733000000004,
  ],
  env: volunteersEnv,
  buildSchema: buildVolunteersSchema,
  createServices: createVolunteersServices,
  routes: (services, config) => ({ [EVENTS_PATH]: eventsRoute(services.inbox, config.internalSecret) }),
  seedDemoData: (db, log, config) => seedDemoVolunteers(db, log, config),
};
