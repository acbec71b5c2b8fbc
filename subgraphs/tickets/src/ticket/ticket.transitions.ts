import { TicketAction, TicketKind, TicketStatus } from './ticket.enums';

/**
 * Who may take a transition, by their relation to the ticket:
 * - `requester`: the citizen whose account submitted it;
 * - `manager`: a manager of the serving site or of a site above it, or an admin;
 * - `assignee`: the volunteer it is dispatched to, or a member of the team it is dispatched to;
 * - `taker`: the volunteer who accepted or claimed it;
 * - `volunteer`: any active volunteer (claiming a wish from the wish wall).
 */
export type Actor = 'requester' | 'manager' | 'assignee' | 'taker' | 'volunteer';

export interface Transition {
  from: readonly TicketStatus[];
  /** Null: the status stays (a follow-up). */
  to: TicketStatus | null;
  actors: readonly Actor[];
  /** Only for these kinds; all kinds when absent. */
  kinds?: readonly TicketKind[];
}

const S = TicketStatus;

/** The lifecycle of DOMAIN.md, one row per action: every mutation is allowed only from its states and for its actors. */
export const TRANSITIONS: Readonly<Record<Exclude<TicketAction, TicketAction.SUBMIT>, Transition>> = {
  [TicketAction.PUBLISH]: { from: [S.SUBMITTED], to: S.PUBLISHED, actors: ['manager'], kinds: [TicketKind.WISH] },
  [TicketAction.DISPATCH]: { from: [S.SUBMITTED, S.PUBLISHED], to: S.DISPATCHED, actors: ['manager'] },
  [TicketAction.REDISPATCH]: { from: [S.DISPATCHED, S.ACCEPTED], to: S.DISPATCHED, actors: ['manager'] },
  [TicketAction.DECLINE]: { from: [S.DISPATCHED], to: S.SUBMITTED, actors: ['assignee'] },
  [TicketAction.ACCEPT]: { from: [S.DISPATCHED], to: S.ACCEPTED, actors: ['assignee'] },
  [TicketAction.CLAIM]: { from: [S.PUBLISHED], to: S.ACCEPTED, actors: ['volunteer'], kinds: [TicketKind.WISH] },
  [TicketAction.START]: { from: [S.ACCEPTED], to: S.IN_PROGRESS, actors: ['taker', 'manager'] },
  [TicketAction.COMPLETE]: { from: [S.ACCEPTED, S.IN_PROGRESS], to: S.COMPLETED, actors: ['taker', 'manager'] },
  [TicketAction.RATE]: { from: [S.COMPLETED], to: S.RATED, actors: ['requester', 'manager'] },
  [TicketAction.FOLLOW_UP]: { from: [S.COMPLETED, S.RATED, S.CLOSED], to: null, actors: ['manager'] },
  [TicketAction.CLOSE]: { from: [S.COMPLETED, S.RATED], to: S.CLOSED, actors: ['manager'] },
  [TicketAction.REJECT]: { from: [S.SUBMITTED, S.PUBLISHED], to: S.REJECTED, actors: ['manager'] },
  [TicketAction.CANCEL]: { from: [S.SUBMITTED, S.PUBLISHED, S.DISPATCHED, S.ACCEPTED], to: S.CANCELLED, actors: ['requester', 'manager'] },
  [TicketAction.MARK_DUPLICATE]: { from: [S.SUBMITTED, S.PUBLISHED], to: S.DUPLICATE, actors: ['manager'] },
};

export type TransitionAction = keyof typeof TRANSITIONS;
