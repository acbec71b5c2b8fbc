import { registerEnumType } from 'type-graphql';

export enum TicketKind {
  /** An order of a resource on a menu (点单). */
  ORDER = 'ORDER',
  /** A micro-wish for the wish wall (微心愿). */
  WISH = 'WISH',
  /** Any other need. */
  REQUEST = 'REQUEST',
}

export enum TicketChannel {
  ONLINE = 'ONLINE',
  MINI_PROGRAM = 'MINI_PROGRAM',
  HOTLINE_12345 = 'HOTLINE_12345',
  GRID_WORKER = 'GRID_WORKER',
  WALK_IN = 'WALK_IN',
}

export enum TicketStatus {
  SUBMITTED = 'SUBMITTED',
  /** A wish on the wish wall, waiting for a volunteer to claim it. */
  PUBLISHED = 'PUBLISHED',
  DISPATCHED = 'DISPATCHED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  RATED = 'RATED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  DUPLICATE = 'DUPLICATE',
}

/** What a transition does; every TicketEvent names one. */
export enum TicketAction {
  SUBMIT = 'SUBMIT',
  PUBLISH = 'PUBLISH',
  DISPATCH = 'DISPATCH',
  REDISPATCH = 'REDISPATCH',
  DECLINE = 'DECLINE',
  ACCEPT = 'ACCEPT',
  CLAIM = 'CLAIM',
  START = 'START',
  COMPLETE = 'COMPLETE',
  RATE = 'RATE',
  FOLLOW_UP = 'FOLLOW_UP',
  CLOSE = 'CLOSE',
  REJECT = 'REJECT',
  CANCEL = 'CANCEL',
  MARK_DUPLICATE = 'MARK_DUPLICATE',
}

/** Which deadline a ticket has passed. */
export enum OverdueKind {
  DISPATCH = 'DISPATCH',
  COMPLETION = 'COMPLETION',
}

export const OPEN_STATUSES = [TicketStatus.SUBMITTED, TicketStatus.PUBLISHED, TicketStatus.DISPATCHED, TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS];
/** Waiting for someone to take them: the dispatch deadline runs. */
export const UNDISPATCHED_STATUSES = [TicketStatus.SUBMITTED, TicketStatus.PUBLISHED];
/** Taken or about to be: the completion deadline runs. */
export const IN_SERVICE_STATUSES = [TicketStatus.DISPATCHED, TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS];

registerEnumType(TicketKind, {
  name: 'TicketKind',
  description: 'ORDER of a menu resource (点单), WISH for the wish wall (微心愿), REQUEST for any other need',
});
registerEnumType(TicketChannel, { name: 'TicketChannel', description: 'Where the ticket came in' });
registerEnumType(TicketStatus, { name: 'TicketStatus', description: 'See the lifecycle in the README: every change is a TicketEvent' });
registerEnumType(TicketAction, { name: 'TicketAction' });
registerEnumType(OverdueKind, { name: 'OverdueKind', description: 'The deadline passed: DISPATCH (nobody took it in time) or COMPLETION' });
