import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TicketsContext } from '../context';
import { Ticket } from './ticket.entity';
import {
  CompleteTicketInput,
  DispatchTicketInput,
  FollowUpTicketInput,
  MarkDuplicateInput,
  RateTicketInput,
  SubmitTicketInput,
  TicketNoteInput,
} from './ticket.inputs';

/** One mutation per row of the transition table (README: "The ticket lifecycle"). */
@Resolver(() => Ticket)
export class TicketMutations {
  @Mutation(() => Ticket, {
    description: 'An order, wish or request: citizens online for themselves, staff of the serving site on the hotline, grid and walk-in channels',
  })
  submitTicket(@Arg('input') input: SubmitTicketInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.intake.submit(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'SUBMITTED → PUBLISHED: a wish goes on the wish wall (managers of the serving site)' })
  publishWish(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.publish(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'SUBMITTED or PUBLISHED → DISPATCHED to a volunteer or a team (managers)' })
  dispatchTicket(@Arg('input') input: DispatchTicketInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.dispatch(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'DISPATCHED or ACCEPTED → DISPATCHED to someone else, e.g. when overdue (managers)' })
  redispatchTicket(@Arg('input') input: DispatchTicketInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.redispatch(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'DISPATCHED → SUBMITTED with a reason (the volunteer or a member of the team it was dispatched to)' })
  declineTicket(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.decline(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'DISPATCHED → ACCEPTED (the volunteer, or one member of the team: the first wins, others get CONFLICT)' })
  acceptTicket(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.accept(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'PUBLISHED wish → ACCEPTED (any active volunteer: the first wins, others get CONFLICT)' })
  claimWish(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.claim(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'ACCEPTED → IN_PROGRESS (the volunteer who took it, or managers)' })
  startTicket(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.start(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'ACCEPTED or IN_PROGRESS → COMPLETED with the hours served, which reach the volunteers’ records' })
  completeTicket(@Arg('input') input: CompleteTicketInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.complete(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'COMPLETED → RATED, 1 to 5 (the requester, or managers taking the rating down)' })
  rateTicket(@Arg('input') input: RateTicketInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.rate(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'A follow-up contact (回访) after completion, any time (managers)' })
  followUpTicket(@Arg('input') input: FollowUpTicketInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.followUp(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'COMPLETED or RATED → CLOSED (办结, managers)' })
  closeTicket(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.close(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'SUBMITTED or PUBLISHED → REJECTED with a reason (managers)' })
  rejectTicket(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.reject(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'Before service → CANCELLED (the requester, or managers)' })
  cancelTicket(@Arg('input') input: TicketNoteInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.cancel(ctx, input);
  }

  @Mutation(() => Ticket, { description: 'SUBMITTED or PUBLISHED → DUPLICATE of another ticket (managers)' })
  markDuplicateTicket(@Arg('input') input: MarkDuplicateInput, @Ctx() ctx: TicketsContext): Promise<Ticket> {
    return ctx.actions.markDuplicate(ctx, input);
  }
}
