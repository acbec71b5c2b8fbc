import { ANONYMOUS, badInput, EventEnvelope, EventHandler, findSites, SiteDirectory, UUID_PATTERN, DATE_PATTERN } from '@practice/common';
import type { ReliabilityService } from '../reliability/reliability.service';
import { toHundredths } from '../shared/hours';
import { ServiceSourceType } from '../service-record/service-record.enums';
import { ServiceRecordService, checkServiceDay } from '../service-record/service-record.service';
import { TICKET_ID, assignmentEventHandlers } from './assignment-events';

/** Event types this subgraph accepts at /internal/events (see the README for the contract). */
export const TICKET_COMPLETED = 'ticket.completed';

export interface TicketCompleted {
  ticketId: string;
  /** The site that served the ticket; its managers verify the hours. */
  siteId: string;
  servedOn: string;
  content: string;
  participants: { volunteerId: string; hours: number }[];
}

const MAX_PARTICIPANTS = 50;

/** Checks a `ticket.completed` payload; a bad one rejects the event, naming the field under `data`. */
export function readTicketCompleted(data: Record<string, unknown>): TicketCompleted {
  const { ticketId, siteId, servedOn, content, participants } = data;
  if (typeof ticketId !== 'string' || !TICKET_ID.test(ticketId)) throw badInput('data.ticketId', 'must be the ticket id');
  if (typeof siteId !== 'string' || !UUID_PATTERN.test(siteId)) throw badInput('data.siteId', 'must be a site id');
  if (typeof servedOn !== 'string' || !DATE_PATTERN.test(servedOn)) throw badInput('data.servedOn', 'must be a date YYYY-MM-DD');
  if (typeof content !== 'string' || content.trim().length < 2 || [...content].length > 200)
    throw badInput('data.content', 'must be text of 2 to 200 characters');
  if (!Array.isArray(participants) || participants.length < 1 || participants.length > MAX_PARTICIPANTS) {
    throw badInput('data.participants', `must list 1 to ${MAX_PARTICIPANTS} volunteers`);
  }
  const seen = new Set<string>();
  const checked = participants.map((participant: unknown, index) => {
    const { volunteerId, hours } = (participant ?? {}) as Record<string, unknown>;
    if (typeof volunteerId !== 'string' || !UUID_PATTERN.test(volunteerId) || seen.has(volunteerId)) {
      throw badInput(`data.participants[${index}].volunteerId`, 'must be a volunteer id, once');
    }
    seen.add(volunteerId);
    if (typeof hours !== 'number') throw badInput(`data.participants[${index}].hours`, 'must be a number');
    return { volunteerId, hours };
  });
  return { ticketId, siteId, servedOn, content: content.trim(), participants: checked };
}

/**
 * `ticket.completed`: each volunteer named served so many hours at the ticket's site on a day. One
 * PENDING record per volunteer, with the ticket as source, all or none; a redelivery changes nothing.
 * Each participant also completes their assignment (once per ticket), which closes it if they had
 * accepted it. The other ticket events keep assignments only (assignment-events.ts).
 */
export function ticketEventHandlers(records: ServiceRecordService, sites: SiteDirectory, reliability: ReliabilityService): Record<string, EventHandler> {
  const completed: EventHandler = async (event: EventEnvelope, apply) => {
    const data = readTicketCompleted(event.data);
    checkServiceDay(data.servedOn, 'data.servedOn');
    const hours = data.participants.map((participant, index) => toHundredths(participant.hours, `data.participants[${index}].hours`));
    // No caller token here: the site must be one anybody may see.
    const site = (await findSites(sites, { principal: ANONYMOUS }, [{ id: data.siteId, field: 'data.siteId' }])).get(data.siteId)!;
    await apply(async (manager) => {
      await records.insertAll(
        manager,
        data.participants.map((participant, index) => ({
          volunteerId: participant.volunteerId,
          site,
          servedOn: data.servedOn,
          hoursHundredths: hours[index],
          content: data.content,
          sourceType: ServiceSourceType.TICKET,
          sourceReference: data.ticketId,
          fields: { volunteerId: `data.participants[${index}].volunteerId`, hours: `data.participants[${index}].hours` },
        })),
        event.source,
      );
      // insertAll locked every participant first.
      const at = new Date(event.occurredAt);
      for (const { volunteerId } of data.participants) await reliability.record(manager, volunteerId, data.ticketId, { kind: 'COMPLETED', at });
    });
  };
  return { [TICKET_COMPLETED]: completed, ...assignmentEventHandlers(reliability) };
}
