import { DEVELOPMENT_PERSONAL_DATA_KEY, Logger, PersonalDataCipher, SubgraphConfig, insertRows, runTransaction } from '@practice/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Organization } from '../organization/organization.entity';
import { PointsEntry } from '../points/points-entry.entity';
import { VolunteerAssignment } from '../reliability/assignment.entity';
import { VolunteerReliability } from '../reliability/reliability.entity';
import { rebuildServiceMonths } from '../service-record/service-month';
import { ServiceRecord } from '../service-record/service-record.entity';
import { volunteerSettings } from '../settings';
import { Skill } from '../skill/skill.entity';
import { TeamMember } from '../team/team-member.entity';
import { Team } from '../team/team.entity';
import { TeamLevel } from '../team/team.enums';
import {
  VolunteerAvailability,
  VolunteerCategory,
  VolunteerScope,
  VolunteerServiceArea,
  VolunteerSkill,
  VolunteerStatusChange,
} from '../volunteer/volunteer-profile.entities';
import { Volunteer } from '../volunteer/volunteer.entity';
import { VolunteerChunk, VolunteerNetworkOptions, generateVolunteerNetwork } from './volunteer-network';

export interface SeedProgress {
  volunteers: number;
  total: number;
  rows: number;
  elapsedMs: number;
}

export interface SeedVolunteersOptions extends Omit<VolunteerNetworkOptions, 'skillIds' | 'pointsPerHour'> {
  /** Volunteers written per transaction, with all their rows. */
  chunkSize?: number;
  onProgress?(progress: SeedProgress): void;
}

const byId = <T extends { id: string }>(rows: T[]): T[] => rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

async function writeChunk(manager: EntityManager, chunk: VolunteerChunk, cipher: PersonalDataCipher, teams: Map<string, Team>): Promise<number> {
  const volunteers = chunk.volunteers.map(({ idNumber, ...volunteer }) => ({
    ...volunteer,
    idNumberSealed: cipher.seal(idNumber),
    idNumberIndex: cipher.blindIndex(idNumber),
  }));
  let rows = await insertRows(manager, Volunteer, volunteers);
  rows += await insertRows(manager, VolunteerScope, chunk.scopes);
  rows += await insertRows(manager, VolunteerSkill, chunk.skills);
  rows += await insertRows(manager, VolunteerCategory, chunk.categories);
  rows += await insertRows(manager, VolunteerServiceArea, chunk.serviceAreas);
  rows += await insertRows(manager, VolunteerAvailability, chunk.availability);
  rows += await insertRows(manager, VolunteerStatusChange, chunk.statusChanges);
  rows += await insertRows(manager, TeamMember, chunk.members);
  for (const { teamId, volunteerId } of chunk.leaders) {
    // The team keeps its own updated_at, which MySQL would otherwise set to now.
    await manager
      .createQueryBuilder()
      .update(Team)
      .set({ leaderId: volunteerId, updatedAt: teams.get(teamId)!.updatedAt })
      .where('id = :teamId', { teamId })
      .execute();
  }
  // In key order: consecutive rows land on the same pages of the (time-ordered) primary key.
  rows += await insertRows(manager, ServiceRecord, byId(chunk.records));
  rows += await insertRows(manager, PointsEntry, byId(chunk.entries));
  rows += await insertRows(manager, VolunteerReliability, chunk.reliability);
  rows += await insertRows(manager, VolunteerAssignment, chunk.assignments);
  return rows;
}

/**
 * Fills an empty volunteers database with the demo volunteers of the sites subgraph's demo network;
 * leaves a database with any volunteer alone. Each chunk of volunteers is its own transaction, so a
 * large seeding holds neither all rows in memory nor one huge transaction.
 */
export async function seedDemoVolunteers(db: DataSource, log?: Logger, config?: SubgraphConfig, options: SeedVolunteersOptions = {}): Promise<boolean> {
  if ((await db.getRepository(Volunteer).count()) > 0) return false;
  const started = Date.now();
  const settings = config ? volunteerSettings(config) : undefined;
  const cipher = new PersonalDataCipher(settings?.personalDataKey ?? DEVELOPMENT_PERSONAL_DATA_KEY);
  const skillIds = new Map((await db.getRepository(Skill).find()).map((skill) => [skill.code, skill.id]));
  const { chunkSize = 1000, onProgress, ...networkOptions } = options;
  const plan = generateVolunteerNetwork({ ...networkOptions, skillIds, pointsPerHour: settings?.pointsPerHour });
  const teams = new Map(plan.teams.map((team) => [team.id, team as Team]));

  let rows = 0;
  await runTransaction(db, async (manager) => {
    rows += await insertRows(manager, Organization, plan.organizations);
    // A team's parent exists before it: one level after the other.
    for (const level of [TeamLevel.CORPS, TeamLevel.DETACHMENT, TeamLevel.TEAM]) {
      rows += await insertRows(
        manager,
        Team,
        plan.teams.filter((team) => team.level === level),
      );
    }
  });
  let written = 0;
  for (const chunk of plan.chunks(chunkSize)) {
    rows += await runTransaction(db, (manager) => writeChunk(manager, chunk, cipher, teams));
    written += chunk.volunteers.length;
    onProgress?.({ volunteers: written, total: plan.volunteerCount, rows, elapsedMs: Date.now() - started });
  }
  // The records went in by bulk inserts, past the service that keeps their monthly sums.
  const monthsStarted = Date.now();
  const months = await rebuildServiceMonths(db);
  rows += months;
  log?.info('demo volunteers written', {
    volunteers: written,
    organizations: plan.organizations.length,
    teams: plan.teams.length,
    rows,
    serviceMonths: months,
    serviceMonthsMs: Date.now() - monthsStarted,
    ms: Date.now() - started,
  });
  return true;
}
