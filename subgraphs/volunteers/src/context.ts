import { EventInbox, PersonalDataCipher, RequestContext, SiteDirectory, SubgraphConfig, Logger } from '@practice/common';
import type { DataSource } from 'typeorm';
import { ServiceHourStatsQueries } from './analytics/service-hour-stats.queries';
import { VolunteerStatsQueries } from './analytics/volunteer-stats.queries';
import { ticketEventHandlers } from './events/ticket-events';
import { OrganizationService } from './organization/organization.service';
import { PointsService } from './points/points.service';
import { ServiceRecordQueries } from './service-record/service-record.queries';
import { ServiceRecordService } from './service-record/service-record.service';
import { VolunteerSettings, volunteerSettings } from './settings';
import { SkillService } from './skill/skill.service';
import { TeamQueries } from './team/team.queries';
import { TeamService } from './team/team.service';
import { LeaderboardQueries } from './service-record/leaderboard.queries';
import { MatchingQueries } from './matching/matching.queries';
import { MatchingService } from './matching/matching.service';
import { ReliabilityService } from './reliability/reliability.service';
import { StarLevels } from './volunteer/star-level';
import { VolunteerQueries } from './volunteer/volunteer.queries';
import { VolunteerService } from './volunteer/volunteer.service';

export interface VolunteersServices {
  db: DataSource;
  settings: VolunteerSettings;
  stars: StarLevels;
  skills: SkillService;
  volunteers: VolunteerService;
  volunteerQueries: VolunteerQueries;
  teams: TeamService;
  teamQueries: TeamQueries;
  organizations: OrganizationService;
  records: ServiceRecordService;
  recordQueries: ServiceRecordQueries;
  points: PointsService;
  leaderboard: LeaderboardQueries;
  matching: MatchingService;
  volunteerStats: VolunteerStatsQueries;
  serviceHourStats: ServiceHourStatsQueries;
  inbox: EventInbox;
}

export type VolunteersContext = RequestContext & VolunteersServices;

/** The services of the subgraph, created once per database. */
export function createVolunteersServices(db: DataSource, config: SubgraphConfig, log: Logger): VolunteersServices {
  const settings = volunteerSettings(config);
  const sites = new SiteDirectory(settings.sitesUrl);
  const stars = new StarLevels(settings.starThresholds);
  const skills = new SkillService(db);
  const volunteers = new VolunteerService(db, sites, new PersonalDataCipher(settings.personalDataKey), skills);
  const points = new PointsService(db);
  const records = new ServiceRecordService(db, sites, points, settings.pointsPerHour);
  const starThresholdsHundredths = settings.starThresholds.map((hours) => Math.round(hours * 100));
  const matching = new MatchingService(db, new MatchingQueries(db, { ...settings.matching, starThresholdsHundredths }), settings.matching, stars);
  return {
    db,
    settings,
    stars,
    skills,
    volunteers,
    volunteerQueries: new VolunteerQueries(db, skills, stars),
    teams: new TeamService(db, sites, skills),
    teamQueries: new TeamQueries(db, skills),
    organizations: new OrganizationService(db, sites),
    records,
    recordQueries: new ServiceRecordQueries(db),
    points,
    leaderboard: new LeaderboardQueries(db),
    matching,
    volunteerStats: new VolunteerStatsQueries(db, skills, stars, settings.stats),
    serviceHourStats: new ServiceHourStatsQueries(db, skills, stars, settings.stats),
    inbox: new EventInbox(db, ticketEventHandlers(records, sites, new ReliabilityService()), log),
  };
}
