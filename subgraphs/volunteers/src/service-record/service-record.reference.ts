import type { VolunteersContext } from '../context';
import { volunteerById } from '../volunteer/volunteer.loaders';
import { readsRecord } from './service-record.access';
import type { ServiceRecord } from './service-record.entity';
import { recordById } from './service-record.loaders';

/** Service records referenced by other subgraphs, with the same read rules as here. */
export async function resolveServiceRecordReference(reference: { id: string }, ctx: VolunteersContext): Promise<ServiceRecord | null> {
  const record = await recordById(ctx).load(reference.id);
  if (!record) return null;
  const volunteer = await volunteerById(ctx).load(record.volunteerId);
  return volunteer && readsRecord(ctx.principal, record, volunteer) ? record : null;
}
