import { UUID_PATTERN, badInput, EventEnvelope, EventHandler } from '@practice/common';
import type { AssignmentFact } from '../reliability/assignment.rules';
import type { ReliabilityService } from '../reliability/reliability.service';

export const TICKET_ACCEPTED = 'ticket.accepted';
export const TICKET_DECLINED = 'ticket.declined';
export const TICKET_RELEASED = 'ticket.released';
export const TICKET_RATED = 'ticket.rated';

/** The ticket's code in the tickets subgraph (T20261120-0042), as `ticket.completed` names it too. */
export const TICKET_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_RATED_VOLUNTEERS = 50;

export function readTicketId(value: unknown): string {
  if (typeof value !== 'string' || !TICKET_ID.test(value)) throw badInput('data.ticketId', 'must be the ticket id');
  return value;
}

function readVolunteerId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) throw badInput(field, 'must be a volunteer id');
  return value;
}

function readInstant(value: unknown, field: string): Date {
  const date = typeof value === 'string' && INSTANT.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw badInput(field, 'must be an ISO 8601 time with its offset, e.g. 2026-11-20T09:30:00Z');
  return date;
}

function readReason(value: unknown): void {
  if (value !== undefined && value !== null && (typeof value !== 'string' || [...value].length > 500))
    throw badInput('data.reason', 'must be text of at most 500 characters');
}

/** `ticket.accepted`, `.declined` and `.released`: one volunteer, one ticket, a time. */
export function readVolunteerFact(
  data: Record<string, unknown>,
  kind: 'ACCEPTED' | 'DECLINED' | 'RELEASED',
): { ticketId: string; volunteerId: string; fact: AssignmentFact } {
  const timeField = { ACCEPTED: 'acceptedAt', DECLINED: 'declinedAt', RELEASED: 'releasedAt' }[kind];
  const ticketId = readTicketId(data.ticketId);
  const volunteerId = readVolunteerId(data.volunteerId, 'data.volunteerId');
  const at = readInstant(data[timeField], `data.${timeField}`);
  if (kind !== 'ACCEPTED') readReason(data.reason);
  return { ticketId, volunteerId, fact: { kind, at } };
}

/** `ticket.rated`: the requester's rating of a completed ticket, for each volunteer who served it. */
export function readRated(data: Record<string, unknown>): { ticketId: string; volunteerIds: string[]; fact: AssignmentFact } {
  const ticketId = readTicketId(data.ticketId);
  const { volunteerIds, rating } = data;
  if (!Array.isArray(volunteerIds) || volunteerIds.length < 1 || volunteerIds.length > MAX_RATED_VOLUNTEERS) {
    throw badInput('data.volunteerIds', `must list 1 to ${MAX_RATED_VOLUNTEERS} volunteers`);
  }
  const ids = volunteerIds.map((id: unknown, index) => readVolunteerId(id, `data.volunteerIds[${index}]`));
  const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (repeated >= 0) throw badInput(`data.volunteerIds[${repeated}]`, 'must name each volunteer once');
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) throw badInput('data.rating', 'must be a whole number from 1 to 5');
  return { ticketId, volunteerIds: ids, fact: { kind: 'RATED', at: readInstant(data.ratedAt, 'data.ratedAt'), rating } };
}

/**
 * The tickets subgraph's events about who takes a ticket: each keeps the volunteer's assignment
 * and reliability counters (workload, completion, rating) in the event's own transaction.
 */
export function assignmentEventHandlers(reliability: ReliabilityService): Record<string, EventHandler> {
  const single =
    (kind: 'ACCEPTED' | 'DECLINED' | 'RELEASED'): EventHandler =>
    async (event: EventEnvelope, apply) => {
      const { ticketId, volunteerId, fact } = readVolunteerFact(event.data, kind);
      await apply(async (manager) => {
        await reliability.lockVolunteers(manager, [{ id: volunteerId, field: 'data.volunteerId' }]);
        await reliability.record(manager, volunteerId, ticketId, fact);
      });
    };
  const rated: EventHandler = async (event, apply) => {
    const { ticketId, volunteerIds, fact } = readRated(event.data);
    await apply(async (manager) => {
      await reliability.lockVolunteers(
        manager,
        volunteerIds.map((id, index) => ({ id, field: `data.volunteerIds[${index}]` })),
      );
      for (const volunteerId of volunteerIds) await reliability.record(manager, volunteerId, ticketId, fact);
    });
  };
  return { [TICKET_ACCEPTED]: single('ACCEPTED'), [TICKET_DECLINED]: single('DECLINED'), [TICKET_RELEASED]: single('RELEASED'), [TICKET_RATED]: rated };
}
