import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { SiteReference, siteReference } from '../site/site.reference';
import { Volunteer } from '../volunteer/volunteer.entity';
import { volunteerById } from '../volunteer/volunteer.loaders';
import { ServiceRecord } from './service-record.entity';
import { RecordServiceInput, RejectServiceRecordInput, ServiceRecordFilter } from './service-record.inputs';
import { resolveServiceRecordReference } from './service-record.reference';
import { ServiceRecordConnection } from './service-record.types';

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  @Query(() => ServiceRecord, { nullable: true, description: 'A service record; null when it does not exist or you may not read it' })
  serviceRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: VolunteersContext): Promise<ServiceRecord | null> {
    return resolveServiceRecordReference({ id }, ctx);
  }

  @Query(() => ServiceRecordConnection, {
    description: 'Service records you may read (yours; at or below the sites you manage or of their volunteers; all for analysts and admins), newest first',
  })
  serviceRecords(
    @Ctx() ctx: VolunteersContext,
    @Arg('filter', () => ServiceRecordFilter, { nullable: true }) filter?: ServiceRecordFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ServiceRecordConnection> {
    return ctx.recordQueries.list(ctx.principal, filter, first, after);
  }

  @FieldResolver(() => Volunteer, { nullable: true })
  volunteer(@Root() record: ServiceRecord, @Ctx() ctx: VolunteersContext): Promise<Volunteer | null> {
    return volunteerById(ctx).load(record.volunteerId);
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'Where the service took place' })
  site(@Root() record: ServiceRecord): SiteReference {
    return siteReference(record.siteId);
  }

  @Mutation(() => ServiceRecord, {
    description:
      'Records service as PENDING: by the volunteer (MANUAL or ACTIVITY sources), managers of their home site or of the site where it took place. The same source for the same volunteer again returns the first record.',
  })
  recordService(@Arg('input') input: RecordServiceInput, @Ctx() ctx: VolunteersContext): Promise<ServiceRecord> {
    return ctx.records.record(ctx, input);
  }

  @Mutation(() => ServiceRecord, { description: 'Verifies a pending record (managers of its site): adds the hours and earns points' })
  verifyServiceRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: VolunteersContext): Promise<ServiceRecord> {
    return ctx.records.verify(ctx.principal, id);
  }

  @Mutation(() => ServiceRecord, { description: 'Rejects a pending record with a reason (managers of its site)' })
  rejectServiceRecord(@Arg('input') input: RejectServiceRecordInput, @Ctx() ctx: VolunteersContext): Promise<ServiceRecord> {
    return ctx.records.reject(ctx.principal, input);
  }
}
