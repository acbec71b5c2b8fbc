import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { readsRecordsOf } from '../service-record/service-record.access';
import { Volunteer } from '../volunteer/volunteer.entity';
import { VolunteerReliability } from './reliability.entity';
import { reliabilityOf } from './reliability.loaders';

@Resolver(() => Volunteer)
export class VolunteerReliabilityResolver {
  @FieldResolver(() => VolunteerReliability, {
    nullable: true,
    description: 'Acceptances, completions, declines, releases, ratings and open assignments; for those who read the service records',
  })
  reliability(@Root() volunteer: Volunteer, @Ctx() ctx: VolunteersContext): Promise<VolunteerReliability> | null {
    // The same facts as the service records, seen from the tickets' side.
    if (!readsRecordsOf(ctx.principal, volunteer)) return null;
    return reliabilityOf(ctx.loaders, ctx.db).load(volunteer.id);
  }
}
