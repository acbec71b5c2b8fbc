import { Caller, Principal, Role, badInput, forbidden, invalidFields, isValidDate, notFound, requireSignedIn, todayInChina, uuidv7 } from '@practice/common';
import type { VolunteerDirectory } from '../directory/volunteer-directory';
import type { Relation } from './ticket.access';
import type { Participant, Ticket } from './ticket.entity';
import { TicketAction } from './ticket.enums';
import { FollowUp } from './ticket-event.entity';
import type { CompleteTicketInput, DispatchTicketInput, FollowUpTicketInput, MarkDuplicateInput, RateTicketInput, TicketNoteInput } from './ticket.inputs';
import * as outbound from './ticket.outbound';
import type { TicketWorkflow } from './ticket.workflow';

const hundredths = (hours: number): number => Math.round(hours * 100);

/** The mutations of a ticket after its submission: each one a row of the transition table. */
export class TicketActions {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly volunteers: VolunteerDirectory,
  ) {}

  /** Team ids of the calling volunteer: they may accept tickets dispatched to their teams. */
  async relationOf(caller: Caller): Promise<Relation> {
    const { principal } = caller;
    if (principal.role !== Role.VOLUNTEER || !principal.volunteerId) return {};
    const self = (await this.volunteers.volunteers([principal.volunteerId], caller.authorization)).get(principal.volunteerId);
    return { teamIds: self?.teams.map((membership) => membership.team.id) ?? [], activeVolunteer: self?.status === 'ACTIVE' };
  }

  publish(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    return this.workflow.apply(caller, input.id, TicketAction.PUBLISH, {}, () => ({ set: { publishedAt: new Date() }, note: input.note ?? null }));
  }

  dispatch(caller: Caller, input: DispatchTicketInput): Promise<Ticket> {
    return this.assign(caller, input, TicketAction.DISPATCH);
  }

  /** Gives the ticket to someone else, also when overdue; a volunteer who had taken it is released. */
  redispatch(caller: Caller, input: DispatchTicketInput): Promise<Ticket> {
    return this.assign(caller, input, TicketAction.REDISPATCH);
  }

  decline(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    const reason = required(input.note, 'input.note', 'Say why the ticket is declined');
    return this.withRelation(caller, (relation) =>
      this.workflow.apply(caller, input.id, TicketAction.DECLINE, relation, (ticket) => ({
        set: { assignedVolunteerId: null, assignedTeamId: null },
        note: reason,
        events: [outbound.declined(ticket, caller.principal.volunteerId!, reason, new Date())],
      })),
    );
  }

  /** The assignee, or one member of the assigned team, takes it: exactly one wins. */
  accept(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    return this.withRelation(caller, (relation) =>
      this.workflow.apply(caller, input.id, TicketAction.ACCEPT, relation, (ticket) => this.taking(caller.principal, ticket, input.note)),
    );
  }

  /** Any active volunteer takes a wish from the wish wall: the first wins. */
  claim(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    return this.withRelation(caller, (relation) =>
      this.workflow.apply(caller, input.id, TicketAction.CLAIM, relation, (ticket) => this.taking(caller.principal, ticket, input.note)),
    );
  }

  start(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    return this.workflow.apply(caller, input.id, TicketAction.START, {}, () => ({ set: { startedAt: new Date() }, note: input.note ?? null }));
  }

  /**
   * Completed with the hours served: by default the taker's, or each named participant's (the taker
   * and members of the assigned team). The hours reach the volunteers subgraph through the outbox.
   */
  async complete(caller: Caller, input: CompleteTicketInput): Promise<Ticket> {
    requireSignedIn(caller.principal);
    const servedOn = input.servedOn ?? todayInChina();
    if (!isValidDate(servedOn)) throw badInput('input.servedOn', 'must be a real day YYYY-MM-DD', 'INVALID_DATE');
    if (servedOn > todayInChina()) throw badInput('input.servedOn', 'must not be in the future', 'DATE_IN_FUTURE');
    if (!input.participants?.length && input.hours == null)
      throw badInput('input.hours', 'Give the hours served, or the participants with theirs', 'HOURS_REQUIRED');
    const ticket = await this.workflow.visible(caller, input.id);
    const participants = await this.participants(caller, ticket, input);
    return this.workflow.apply(caller, input.id, TicketAction.COMPLETE, {}, (locked) => {
      if (servedOn < todayInChina(locked.submittedAt))
        throw badInput('input.servedOn', 'must not be before the ticket was submitted', 'DATE_BEFORE_SUBMISSION');
      const now = new Date();
      const taken = participants ?? [{ volunteerId: locked.assignedVolunteerId!, hoursHundredths: hundredths(input.hours!) }];
      return {
        set: { completedAt: now, participants: taken },
        note: input.note ?? null,
        events: [outbound.completed(locked, taken, servedOn, input.note ?? locked.title, now)],
      };
    });
  }

  rate(caller: Caller, input: RateTicketInput): Promise<Ticket> {
    return this.workflow.apply(caller, input.id, TicketAction.RATE, {}, (ticket) => {
      const now = new Date();
      return {
        set: { rating: input.rating, ratingComment: input.comment ?? null, ratedAt: now },
        note: `${input.rating}★`,
        events: outbound.rated(ticket, input.rating, now),
      };
    });
  }

  followUp(caller: Caller, input: FollowUpTicketInput): Promise<Ticket> {
    return this.workflow.apply(caller, input.id, TicketAction.FOLLOW_UP, {}, () => ({
      note: input.note,
      also: async (manager, ticket) => {
        const at = new Date();
        await manager.insert(FollowUp, {
          id: uuidv7(at.getTime()),
          ticketId: ticket.id,
          note: input.note,
          satisfied: input.satisfied ?? null,
          followedUpBy: caller.principal.subject!,
          followedUpAt: at,
        });
      },
    }));
  }

  close(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    return this.workflow.apply(caller, input.id, TicketAction.CLOSE, {}, () => ({ set: { closedAt: new Date() }, note: input.note ?? null }));
  }

  reject(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    const reason = required(input.note, 'input.note', 'Say why the ticket is rejected');
    return this.ending(caller, input.id, TicketAction.REJECT, reason);
  }

  cancel(caller: Caller, input: TicketNoteInput): Promise<Ticket> {
    return this.ending(caller, input.id, TicketAction.CANCEL, input.note ?? null);
  }

  async markDuplicate(caller: Caller, input: MarkDuplicateInput): Promise<Ticket> {
    requireSignedIn(caller.principal);
    if (input.duplicateOfId === input.id) throw badInput('input.duplicateOfId', 'A ticket cannot repeat itself', 'SELF_DUPLICATE');
    const original = await this.workflow.visible(caller, input.duplicateOfId, {}, 'input.duplicateOfId');
    return this.ending(caller, input.id, TicketAction.MARK_DUPLICATE, `= ${original.code}`, { duplicateOfId: original.id });
  }

  /** Rejected, cancelled or a duplicate: it will not be served. */
  private ending(
    caller: Caller,
    id: string,
    action: TicketAction.REJECT | TicketAction.CANCEL | TicketAction.MARK_DUPLICATE,
    note: string | null,
    set: Partial<Ticket> = {},
  ) {
    return this.workflow.apply(caller, id, action, {}, (ticket) => {
      const now = new Date();
      return {
        set: { ...set, closedAt: now },
        note,
        events: [...outbound.released(ticket, action, now), ...outbound.orderCancelled(ticket, now)],
      };
    });
  }

  private async assign(caller: Caller, input: DispatchTicketInput, action: TicketAction.DISPATCH | TicketAction.REDISPATCH): Promise<Ticket> {
    requireSignedIn(caller.principal);
    if (Boolean(input.volunteerId) === Boolean(input.teamId)) throw badInput('input.volunteerId', 'Dispatch to one volunteer or one team', 'ONE_ASSIGNEE');
    const name = input.volunteerId ? await this.activeVolunteer(caller, input.volunteerId) : await this.activeTeam(caller, input.teamId!);
    return this.workflow.apply(caller, input.id, action, {}, (ticket) => {
      const now = new Date();
      return {
        set: {
          assignedVolunteerId: input.volunteerId ?? null,
          assignedTeamId: input.teamId ?? null,
          dispatchedAt: now,
          firstDispatchedAt: ticket.firstDispatchedAt ?? now,
          acceptedAt: null,
          startedAt: null,
        },
        note: [`→ ${name}`, input.note].filter(Boolean).join(': '),
        events: outbound.released(ticket, action, now),
      };
    });
  }

  private async activeVolunteer(caller: Caller, id: string): Promise<string> {
    const volunteer = (await this.volunteers.volunteers([id], caller.authorization)).get(id);
    if (!volunteer) throw notFound('Volunteer', id, 'input.volunteerId');
    if (volunteer.status !== 'ACTIVE') throw badInput('input.volunteerId', `${volunteer.name} is ${volunteer.status.toLowerCase()}`, 'VOLUNTEER_NOT_ACTIVE');
    return volunteer.name;
  }

  private async activeTeam(caller: Caller, id: string): Promise<string> {
    const team = (await this.volunteers.teams([id], caller.authorization)).get(id);
    if (!team) throw notFound('Team', id, 'input.teamId');
    if (team.status !== 'ACTIVE') throw badInput('input.teamId', `${team.name} is ${team.status.toLowerCase()}`, 'TEAM_NOT_ACTIVE');
    return team.name;
  }

  private taking(principal: Principal, ticket: Ticket, note: string | null | undefined) {
    const now = new Date();
    return {
      // A claim from the wish wall is the wish's first dispatch; an acceptance keeps the dispatch's.
      set: { assignedVolunteerId: principal.volunteerId!, acceptedAt: now, firstDispatchedAt: ticket.firstDispatchedAt ?? now },
      note: note ?? null,
      events: [outbound.accepted(ticket, principal.volunteerId!, now)],
    };
  }

  /** Volunteers who act on their own tickets come with their teams. */
  private async withRelation(caller: Caller, work: (relation: Relation) => Promise<Ticket>): Promise<Ticket> {
    if (caller.principal.role === Role.VOLUNTEER && !caller.principal.volunteerId) {
      throw forbidden('Your token names no volunteer record (volunteer_id)', 'NOT_A_VOLUNTEER');
    }
    return work(await this.relationOf(caller));
  }

  /** Named participants: the taker and members of the assigned team, each once. */
  private async participants(caller: Caller, ticket: Ticket, input: CompleteTicketInput): Promise<Participant[] | null> {
    if (!input.participants?.length) return null;
    const ids = input.participants.map((p) => p.volunteerId);
    const found = await this.volunteers.volunteers(ids, caller.authorization);
    const problems = input.participants.flatMap((participant, index) => {
      const field = `input.participants[${index}].volunteerId`;
      if (ids.indexOf(participant.volunteerId) !== index) return [{ field, message: 'is named twice' }];
      const volunteer = found.get(participant.volunteerId);
      if (!volunteer) return [{ field, message: `Volunteer ${participant.volunteerId} does not exist` }];
      const inTeam = ticket.assignedTeamId !== null && volunteer.teams.some((m) => m.team.id === ticket.assignedTeamId);
      if (participant.volunteerId !== ticket.assignedVolunteerId && !inTeam)
        return [{ field, message: `${volunteer.name} neither took the ticket nor is in its team` }];
      return [];
    });
    if (problems.length) throw invalidFields(problems);
    return input.participants.map((p) => ({ volunteerId: p.volunteerId, hoursHundredths: hundredths(p.hours) }));
  }
}

function required(note: string | null | undefined, field: string, message: string): string {
  if (!note) throw badInput(field, message, 'REASON_REQUIRED');
  return note;
}
