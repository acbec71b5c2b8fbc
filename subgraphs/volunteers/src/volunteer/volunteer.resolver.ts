import { maskIdNumber, maskPhone } from '@practice/common';
import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { PointsAccount } from '../points/points.types';
import { readsRecordsOf } from '../service-record/service-record.access';
import { ServiceRecordFilter } from '../service-record/service-record.inputs';
import { ServiceRecordConnection } from '../service-record/service-record.types';
import { timeOf } from '../shared/patterns';
import { SiteReference, siteReference } from '../site/site.reference';
import { Skill } from '../skill/skill.entity';
import { TeamMember } from '../team/team-member.entity';
import { StarLevel, StarLevelRule } from './star-level';
import { VolunteerStatusChange } from './volunteer-profile.entities';
import { disclosureOf, seesPersonalData } from './volunteer.access';
import { Volunteer } from './volunteer.entity';
import { ServiceAreaKind } from './volunteer.enums';
import { ChangeVolunteerStatusInput, RegisterVolunteerInput, UpdateVolunteerInput, VolunteerFilter } from './volunteer.inputs';
import { availabilityOf, categoriesOf, membershipsOf, serviceAreaOf, skillById, skillIdsOf, statusHistoryOf } from './volunteer.loaders';
import { resolveVolunteerReference } from './volunteer.reference';
import { AvailabilityWindow, ServiceArea, VolunteerConnection } from './volunteer.types';

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => Volunteer, { nullable: true })
  volunteer(@Arg('id', () => ID) id: string, @Ctx() ctx: VolunteersContext): Promise<Volunteer | null> {
    return resolveVolunteerReference({ id }, ctx);
  }

  @Query(() => Volunteer, { nullable: true, description: 'Your own volunteer registration, if you have one' })
  myVolunteerProfile(@Ctx() ctx: VolunteersContext): Promise<Volunteer | null> {
    return ctx.volunteers.findOwn(ctx.principal);
  }

  @Query(() => VolunteerConnection, { description: 'Volunteers matching a filter, in registration order' })
  volunteers(
    @Ctx() ctx: VolunteersContext,
    @Arg('filter', () => VolunteerFilter, { nullable: true }) filter?: VolunteerFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<VolunteerConnection> {
    return ctx.volunteerQueries.list(filter, first, after);
  }

  @Query(() => [StarLevelRule], { description: 'The configured star levels and the verified hours each needs' })
  starLevelRules(@Ctx() ctx: VolunteersContext): StarLevelRule[] {
    return ctx.stars.rules;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'In full for the volunteer, managers of the home site or above and admins; masked for others signed in; null for anonymous callers',
  })
  phone(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): string | null {
    const disclosure = disclosureOf(ctx.principal, volunteer);
    return disclosure === 'FULL' ? volunteer.phone : disclosure === 'MASKED' ? maskPhone(volunteer.phone) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Disclosed like the phone number' })
  idNumber(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): string | null {
    const disclosure = disclosureOf(ctx.principal, volunteer);
    if (disclosure === 'NONE') return null;
    const idNumber = ctx.volunteers.openIdNumber(volunteer);
    return disclosure === 'FULL' ? idNumber : maskIdNumber(idNumber);
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The site the volunteer belongs to; null when you may not see it' })
  homeSite(@Root() volunteer: Volunteer): SiteReference {
    return siteReference(volunteer.homeSiteId);
  }

  @FieldResolver(() => [Skill])
  async skills(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): Promise<Skill[]> {
    const rows = await skillIdsOf(ctx).load(volunteer.id);
    const skills = await skillById(ctx).loadMany(rows.map((row) => row.skillId));
    return skills.filter((skill): skill is Skill => skill instanceof Skill).sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => [String], { description: 'Preferred service categories (codes of the resources taxonomy)' })
  async categoryCodes(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): Promise<string[]> {
    return (await categoriesOf(ctx).load(volunteer.id)).map((row) => row.categoryCode);
  }

  @FieldResolver(() => ServiceArea)
  async serviceArea(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): Promise<ServiceArea> {
    const rows = await serviceAreaOf(ctx).load(volunteer.id);
    return {
      sites: rows.filter((row) => row.kind === ServiceAreaKind.SITE).map((row) => siteReference(row.value)),
      regionCodePrefixes: rows.filter((row) => row.kind === ServiceAreaKind.REGION).map((row) => row.value),
    };
  }

  @FieldResolver(() => [AvailabilityWindow])
  async availability(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): Promise<AvailabilityWindow[]> {
    return (await availabilityOf(ctx).load(volunteer.id)).map((row) => ({ day: row.dayOfWeek, from: timeOf(row.startsMinute), to: timeOf(row.endsMinute) }));
  }

  @FieldResolver(() => Float, { description: 'Verified service hours in all' })
  verifiedHours(@Root() volunteer: Volunteer): number {
    return volunteer.verifiedHundredths / 100;
  }

  @FieldResolver(() => StarLevel)
  starLevel(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): StarLevel {
    return ctx.stars.of(volunteer.verifiedHundredths);
  }

  @FieldResolver(() => PointsAccount, { nullable: true, description: 'For the volunteer, managers of the home site or above and admins' })
  points(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): PointsAccount | null {
    if (!seesPersonalData(ctx.principal, volunteer)) return null;
    return Object.assign(new PointsAccount(), { volunteerId: volunteer.id, balance: volunteer.pointsBalance });
  }

  @FieldResolver(() => [TeamMember], { description: 'The teams the volunteer is in, with the role in each' })
  teams(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): Promise<TeamMember[]> {
    return membershipsOf(ctx).load(volunteer.id);
  }

  @FieldResolver(() => ServiceRecordConnection, {
    nullable: true,
    description: "The volunteer's service records, newest first; for those who see the volunteer's personal data, and analysts",
  })
  serviceRecords(
    @Root() volunteer: Volunteer,
    @Ctx() ctx: VolunteersContext,
    @Arg('filter', () => ServiceRecordFilter, { nullable: true }) filter?: ServiceRecordFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ServiceRecordConnection> | null {
    if (!readsRecordsOf(ctx.principal, volunteer)) return null;
    return ctx.recordQueries.perVolunteer(ctx.loaders, filter, first, after).load(volunteer.id);
  }

  @FieldResolver(() => [VolunteerStatusChange], { nullable: true, description: 'Status changes, oldest first; for those who see personal data' })
  async statusHistory(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): Promise<VolunteerStatusChange[] | null> {
    return seesPersonalData(ctx.principal, volunteer) ? statusHistoryOf(ctx).load(volunteer.id) : null;
  }

  @Mutation(() => Volunteer, {
    description:
      'Registers a volunteer: yourself (citizens and volunteers) or someone at a site you manage. Retrying with the same details returns the same volunteer.',
  })
  registerVolunteer(@Arg('input') input: RegisterVolunteerInput, @Ctx() ctx: VolunteersContext): Promise<Volunteer> {
    return ctx.volunteers.register(ctx, input);
  }

  @Mutation(() => Volunteer, { description: 'Changes a profile: the volunteer or managers of the home site; lists given replace the old ones' })
  updateVolunteerProfile(@Arg('input') input: UpdateVolunteerInput, @Ctx() ctx: VolunteersContext): Promise<Volunteer> {
    return ctx.volunteers.update(ctx, input);
  }

  @Mutation(() => Volunteer, { description: 'Suspends, reinstates or marks as left (managers of the home site); volunteers may mark themselves as left' })
  changeVolunteerStatus(@Arg('input') input: ChangeVolunteerStatusInput, @Ctx() ctx: VolunteersContext): Promise<Volunteer> {
    return ctx.volunteers.changeStatus(ctx, input);
  }
}
