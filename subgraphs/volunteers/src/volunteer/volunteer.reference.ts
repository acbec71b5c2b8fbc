import type { VolunteersContext } from '../context';
import type { Volunteer } from './volunteer.entity';
import { volunteerById } from './volunteer.loaders';

/** Volunteers referenced by other subgraphs (a ticket's assignee), batched; personal data is masked by the field resolvers as here. */
export function resolveVolunteerReference(reference: { id: string }, ctx: VolunteersContext): Promise<Volunteer | null> {
  return volunteerById(ctx).load(reference.id);
}
