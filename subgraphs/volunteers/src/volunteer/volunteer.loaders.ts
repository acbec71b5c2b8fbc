import { groupLoader, rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { VolunteersContext } from '../context';
import { Skill } from '../skill/skill.entity';
import { TeamMember } from '../team/team-member.entity';
import { VolunteerAvailability, VolunteerCategory, VolunteerServiceArea, VolunteerSkill, VolunteerStatusChange } from './volunteer-profile.entities';
import type { Volunteer } from './volunteer.entity';

/** Volunteers by id, one statement per batch: lists' relations and entity references. */
export const volunteerById = (ctx: VolunteersContext): DataLoader<string, Volunteer | null> =>
  ctx.loaders.get('volunteerById', () =>
    rowLoader(
      (ids) => ctx.volunteers.loadByIds(ids),
      (volunteer) => volunteer.id,
    ),
  );

export const skillById = (ctx: VolunteersContext): DataLoader<string, Skill | null> =>
  ctx.loaders.get('skillById', () =>
    rowLoader(
      (ids) => ctx.skills.loadByIds(ids),
      (skill) => skill.id,
    ),
  );

export const skillIdsOf = (ctx: VolunteersContext): DataLoader<string, VolunteerSkill[]> =>
  ctx.loaders.get('skillIdsOf', () =>
    groupLoader(
      (ids) => ctx.db.getRepository(VolunteerSkill).findBy({ volunteerId: In([...ids]) }),
      (row) => row.volunteerId,
    ),
  );

export const categoriesOf = (ctx: VolunteersContext): DataLoader<string, VolunteerCategory[]> =>
  ctx.loaders.get('categoriesOf', () =>
    groupLoader(
      (ids) => ctx.db.getRepository(VolunteerCategory).find({ where: { volunteerId: In([...ids]) }, order: { categoryCode: 'ASC' } }),
      (row) => row.volunteerId,
    ),
  );

export const serviceAreaOf = (ctx: VolunteersContext): DataLoader<string, VolunteerServiceArea[]> =>
  ctx.loaders.get('serviceAreaOf', () =>
    groupLoader(
      (ids) => ctx.db.getRepository(VolunteerServiceArea).findBy({ volunteerId: In([...ids]) }),
      (row) => row.volunteerId,
    ),
  );

export const availabilityOf = (ctx: VolunteersContext): DataLoader<string, VolunteerAvailability[]> =>
  ctx.loaders.get('availabilityOf', () =>
    groupLoader(
      (ids) => ctx.db.getRepository(VolunteerAvailability).find({ where: { volunteerId: In([...ids]) }, order: { dayOfWeek: 'ASC', startsMinute: 'ASC' } }),
      (row) => row.volunteerId,
    ),
  );

export const membershipsOf = (ctx: VolunteersContext): DataLoader<string, TeamMember[]> =>
  ctx.loaders.get('membershipsOf', () =>
    groupLoader(
      (ids) => ctx.db.getRepository(TeamMember).find({ where: { volunteerId: In([...ids]) }, order: { joinedOn: 'ASC' } }),
      (row) => row.volunteerId,
    ),
  );

export const statusHistoryOf = (ctx: VolunteersContext): DataLoader<string, VolunteerStatusChange[]> =>
  ctx.loaders.get('statusHistoryOf', () =>
    groupLoader(
      (ids) => ctx.db.getRepository(VolunteerStatusChange).find({ where: { volunteerId: In([...ids]) }, order: { changedAt: 'ASC' } }),
      (row) => row.volunteerId,
    ),
  );
