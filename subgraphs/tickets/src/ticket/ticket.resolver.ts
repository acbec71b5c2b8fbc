import { Principal, Role, maskPhone, pathIds } from '@practice/common';
import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { TicketsContext } from '../context';
import { ResourceReference, resourceReference } from '../resource/resource.reference';
import { SiteReference, siteReference } from '../site/site.reference';
import { TeamReference, VolunteerReference, teamReference, volunteerReference } from '../volunteer/volunteer.reference';
import { managesTicket, seesRequester, seesTicket } from './ticket.access';
import { Ticket } from './ticket.entity';
import { IN_SERVICE_STATUSES, OverdueKind, TicketKind, TicketStatus, UNDISPATCHED_STATUSES } from './ticket.enums';
import { FollowUp, TicketEvent } from './ticket-event.entity';
import { TicketFilter } from './ticket.inputs';
import { ticketById, ticketEvents, ticketFollowUps } from './ticket.loaders';
import { FormAnswerType, TicketConnection, TicketParticipant, TicketRequester } from './ticket.types';
import { viewerOf } from './ticket.viewer';

/** Where a ticket is, to a kilometre, for those who may not know the exact place. */
const approximate = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/** Managers, admins and analysts read the whole history and follow-ups; the requester their own. */
const readsFile = (principal: Principal, ticket: Ticket): boolean =>
  principal.role === Role.ANALYST || managesTicket(principal, ticket) || (principal.subject !== null && principal.subject === ticket.requesterSubject);

export function overdueKindOf(ticket: Ticket, now = new Date()): OverdueKind | null {
  if (UNDISPATCHED_STATUSES.includes(ticket.status) && ticket.dispatchDueAt < now) return OverdueKind.DISPATCH;
  if (IN_SERVICE_STATUSES.includes(ticket.status) && ticket.completionDueAt < now) return OverdueKind.COMPLETION;
  return null;
}

@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => Ticket, { nullable: true, description: 'A ticket you may see: yours, those you serve or manage; wishes on the wish wall for everybody' })
  async ticket(@Arg('id', () => ID) id: string, @Ctx() ctx: TicketsContext): Promise<Ticket | null> {
    const ticket = await ticketById(ctx).load(id);
    return ticket && seesTicket(ctx.principal, ticket, (await viewerOf(ctx)).relation) ? ticket : null;
  }

  @Query(() => Ticket, { nullable: true, description: 'A ticket by its code, e.g. 320581-20261201-0042' })
  async ticketByCode(@Arg('code') code: string, @Ctx() ctx: TicketsContext): Promise<Ticket | null> {
    const ticket = await ctx.ticketQueries.byCode(code);
    return ticket && seesTicket(ctx.principal, ticket, (await viewerOf(ctx)).relation) ? ticket : null;
  }

  @Query(() => TicketConnection, { description: 'The tickets you may see, newest first' })
  async tickets(
    @Ctx() ctx: TicketsContext,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter?: TicketFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TicketConnection> {
    return ctx.ticketQueries.list(await viewerOf(ctx), filter, first, after);
  }

  @Query(() => TicketConnection, { description: 'Wishes on the wish wall of a site and the sites below it, waiting to be claimed, newest first' })
  async wishWall(
    @Ctx() ctx: TicketsContext,
    @Arg('siteId', () => ID) siteId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TicketConnection> {
    const filter = Object.assign(new TicketFilter(), { siteId, kinds: [TicketKind.WISH], statuses: [TicketStatus.PUBLISHED] });
    return ctx.ticketQueries.list(await viewerOf(ctx), filter, first, after);
  }

  @Query(() => TicketConnection, { description: 'The tickets you submitted with your account, newest first' })
  async myTickets(
    @Ctx() ctx: TicketsContext,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter?: TicketFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TicketConnection> {
    const own = Object.assign(new TicketFilter(), filter ?? {}, { requesterSubject: ctx.principal.subject ?? '-' });
    return ctx.ticketQueries.list(await viewerOf(ctx), own, first, after);
  }

  @Query(() => TicketConnection, { description: 'The tickets dispatched to you, your teams, or taken by you, newest first' })
  async myAssignments(
    @Ctx() ctx: TicketsContext,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter?: TicketFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TicketConnection> {
    return ctx.ticketQueries.assignments(await viewerOf(ctx), filter, first, after);
  }

  @FieldResolver(() => SiteReference)
  servingSite(@Root() ticket: Ticket): SiteReference {
    return siteReference(ticket.servingSiteId);
  }

  @FieldResolver(() => [ID], { description: 'The sites above the serving site, root first, copied at submission' })
  servingSiteAncestorIds(@Root() ticket: Ticket): string[] {
    return pathIds(ticket.servingSitePath).slice(0, -1);
  }

  @FieldResolver(() => ResourceReference, { nullable: true })
  resource(@Root() ticket: Ticket): ResourceReference | null {
    return ticket.resourceId ? resourceReference(ticket.resourceId) : null;
  }

  @FieldResolver(() => [FormAnswerType], { description: 'The answers to the resource’s order form; for those who see the requester in full' })
  formAnswers(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): FormAnswerType[] {
    if (!seesRequester(ctx.principal, ticket)) return [];
    return ticket.formAnswers.map((answer) => ({ key: answer.key, value: answer.value ?? null, values: answer.values ?? null }));
  }

  @FieldResolver(() => TicketRequester, {
    description: 'In full for the requester, managers of the serving site or above, admins and the volunteer serving it',
  })
  requester(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): TicketRequester {
    const hasAccount = ticket.requesterSubject !== null;
    if (seesRequester(ctx.principal, ticket)) return { hasAccount, name: ticket.requesterName, phone: ticket.requesterPhone };
    if (ctx.principal.subject === null) return { hasAccount, name: null, phone: null };
    return {
      hasAccount,
      name: ticket.requesterName ? `${[...ticket.requesterName][0]}**` : null,
      phone: ticket.requesterPhone ? maskPhone(ticket.requesterPhone) : null,
    };
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Exact for those who see the requester in full; else to two decimals (about a kilometre)' })
  latitude(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): number | null {
    return seesRequester(ctx.principal, ticket) ? ticket.latitude : approximate(ticket.latitude);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Exact for those who see the requester in full; else to two decimals' })
  longitude(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): number | null {
    return seesRequester(ctx.principal, ticket) ? ticket.longitude : approximate(ticket.longitude);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The exact address: personal data, for those who see the requester in full' })
  address(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): string | null {
    return seesRequester(ctx.principal, ticket) ? ticket.address : null;
  }

  @FieldResolver(() => VolunteerReference, { nullable: true, description: 'The volunteer it is dispatched to, or who took it' })
  assignedVolunteer(@Root() ticket: Ticket): VolunteerReference | null {
    return ticket.assignedVolunteerId ? volunteerReference(ticket.assignedVolunteerId) : null;
  }

  @FieldResolver(() => TeamReference, { nullable: true, description: 'The team it is dispatched to' })
  assignedTeam(@Root() ticket: Ticket): TeamReference | null {
    return ticket.assignedTeamId ? teamReference(ticket.assignedTeamId) : null;
  }

  @FieldResolver(() => [TicketParticipant], { description: 'Who served a completed ticket, with the hours' })
  participants(@Root() ticket: Ticket): TicketParticipant[] {
    return ticket.participants.map((p) => ({ volunteer: volunteerReference(p.volunteerId), hours: p.hoursHundredths / 100 }));
  }

  @FieldResolver(() => Boolean, { description: 'Past the deadline that runs in its status' })
  overdue(@Root() ticket: Ticket): boolean {
    return overdueKindOf(ticket) !== null;
  }

  @FieldResolver(() => OverdueKind, { nullable: true })
  overdueKind(@Root() ticket: Ticket): OverdueKind | null {
    return overdueKindOf(ticket);
  }

  @FieldResolver(() => Ticket, { nullable: true, description: 'The ticket this one repeats' })
  async duplicateOf(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): Promise<Ticket | null> {
    if (!ticket.duplicateOfId) return null;
    const original = await ticketById(ctx).load(ticket.duplicateOfId);
    return original && seesTicket(ctx.principal, original, (await viewerOf(ctx)).relation) ? original : null;
  }

  @FieldResolver(() => [TicketEvent], { description: 'Every change in order, first the submission. Actors are shown to managers, analysts and the requester' })
  async history(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): Promise<TicketEvent[]> {
    const events = await ticketEvents(ctx).load(ticket.id);
    if (readsFile(ctx.principal, ticket)) return events;
    return events.map((event) => Object.assign(new TicketEvent(), event, { actor: event.actor === ctx.principal.subject ? event.actor : null }));
  }

  @FieldResolver(() => [FollowUp], { description: 'Follow-up contacts (回访): for managers, analysts and the requester' })
  async followUps(@Root() ticket: Ticket, @Ctx() ctx: TicketsContext): Promise<FollowUp[]> {
    return readsFile(ctx.principal, ticket) ? ticketFollowUps(ctx).load(ticket.id) : [];
  }
}
