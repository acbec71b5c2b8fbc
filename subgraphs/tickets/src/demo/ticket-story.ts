import { Rng, pathIds, uuidv7 } from '@practice/common';
import type { DemoSite } from '@practice/sites';
import type { SlaRules } from '../ticket/sla';
import type { FormAnswer, Participant, Ticket } from '../ticket/ticket.entity';
import { TicketAction, TicketChannel, TicketKind, TicketStatus } from '../ticket/ticket.enums';
import type { FollowUp, TicketEvent, TicketScope } from '../ticket/ticket-event.entity';
import { CANCELLATIONS, DECLINES, FOLLOW_UPS, GIVEN, RATING_COMMENTS, RATING_WEIGHTS, REJECTIONS, SURNAMES } from './demo-tables';

export type TicketRow = Ticket;
export type EventRow = TicketEvent;
export type ScopeRow = TicketScope;
export type FollowUpRow = FollowUp;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STAFF = [TicketChannel.HOTLINE_12345, TicketChannel.GRID_WORKER, TicketChannel.WALK_IN];

/** Everything a ticket is before it happens: who asks what, where and by which channel. */
export interface TicketSeed {
  id: string;
  code: string;
  kind: TicketKind;
  channel: TicketChannel;
  site: DemoSite;
  title: string;
  description: string;
  categoryCode: string | null;
  neededSkillCodes: string[];
  resource: { id: string; publisherId: string; answers: FormAnswer[] } | null;
  submittedAt: number;
  /** The subject of the site's manager, who dispatches, follows up and closes. */
  manager: string;
}

/** How far a ticket got: the status it ends in and the times of its steps. */
export interface TicketPath {
  end: TicketStatus;
  volunteerId?: string;
  teamId?: string;
  /** A volunteer who was dispatched to first and declined. */
  declinedBy?: string;
  /** A wish taken from the wish wall rather than dispatched. */
  claimed?: boolean;
  dispatchedAt?: number;
  acceptedAt?: number;
  startedAt?: number;
  completedAt?: number;
  participants?: Participant[];
  duplicateOf?: string;
  now: number;
}

export interface Story {
  ticket: TicketRow;
  events: EventRow[];
  scopes: ScopeRow[];
  followUps: FollowUpRow[];
}

/** A requester: the citizen's account online, a name and phone taken down by staff otherwise. */
function requester(rng: Rng, channel: TicketChannel): Pick<Ticket, 'requesterSubject' | 'requesterName' | 'requesterPhone'> {
  const name = rng.pick(SURNAMES) + rng.pick(GIVEN);
  const phone = `1${rng.pick(['38', '39', '51', '58', '77', '88'])}${rng.digits(8)}`;
  if (STAFF.includes(channel)) return { requesterSubject: null, requesterName: name, requesterPhone: phone };
  return { requesterSubject: `wx-demo-${rng.digits(10)}`, requesterName: rng.chance(0.5) ? name : null, requesterPhone: rng.chance(0.5) ? phone : null };
}

/**
 * One ticket and its history, as the API would have written them: each step a TicketEvent with the
 * actor the transition table allows, the status on the scope rows, a rating and follow-ups for the
 * completed ones.
 */
export function tellStory(rng: Rng, sla: SlaRules, seed: TicketSeed, path: TicketPath): Story {
  const { site, manager } = seed;
  const deadlines = sla.deadlinesOf(seed.channel, seed.kind);
  const person = requester(rng, seed.channel);
  const submittedBy = person.requesterSubject ?? manager;
  const volunteerActor = (id: string) => `volunteer-${id}`;
  const events: EventRow[] = [];
  let status: TicketStatus | null = null;
  const step = (action: TicketAction, to: TicketStatus, at: number, actor: string, role: string, note: string | null = null) => {
    events.push({
      id: uuidv7(at, rng.bytes),
      ticketId: seed.id,
      sequence: events.length + 1,
      action,
      fromStatus: status,
      toStatus: to,
      actor,
      actorRole: role,
      note,
      at: new Date(at),
    });
    status = to;
  };
  const t = seed.submittedAt;
  step(TicketAction.SUBMIT, TicketStatus.SUBMITTED, t, submittedBy, person.requesterSubject ? 'citizen' : 'site_manager', seed.channel);
  const ticket: TicketRow = {
    id: seed.id,
    code: seed.code,
    kind: seed.kind,
    channel: seed.channel,
    status: TicketStatus.SUBMITTED,
    title: seed.title,
    description: seed.description,
    categoryCode: seed.categoryCode,
    neededSkillCodes: seed.neededSkillCodes,
    servingSiteId: site.id,
    servingSitePath: site.path,
    servingSiteRegionCode: site.regionCode,
    resourceId: seed.resource?.id ?? null,
    resourcePublisherId: seed.resource?.publisherId ?? null,
    formAnswers: seed.resource?.answers ?? [],
    ...person,
    submittedBy,
    idempotencyKey: `demo-${seed.id}`,
    submissionHash: 'demo',
    latitude: round6(site.latitude + (rng.next() - 0.5) * 0.01),
    longitude: round6(site.longitude + (rng.next() - 0.5) * 0.01),
    address: rng.chance(0.7) ? `${site.address}${rng.int(1, 40)}号` : null,
    desiredFrom: rng.chance(0.4) ? new Date(t + rng.int(12, 96) * HOUR) : null,
    desiredTo: null,
    assignedVolunteerId: null,
    assignedTeamId: null,
    dispatchDueAt: new Date(t + deadlines.dispatchMs),
    completionDueAt: new Date(t + deadlines.completeMs),
    rating: null,
    ratingComment: null,
    participants: [],
    duplicateOfId: null,
    submittedAt: new Date(t),
    publishedAt: null,
    dispatchedAt: null,
    firstDispatchedAt: null,
    acceptedAt: null,
    startedAt: null,
    completedAt: null,
    ratedAt: null,
    closedAt: null,
    version: 1,
    updatedAt: new Date(t),
  };
  if (ticket.desiredFrom) ticket.desiredTo = new Date(ticket.desiredFrom.getTime() + rng.int(2, 6) * HOUR);
  const followUps: FollowUpRow[] = [];
  const ended = (action: TicketAction, to: TicketStatus, at: number, note: string | null, actor = manager, role = 'site_manager') => {
    step(action, to, at, actor, role, note);
    ticket.closedAt = new Date(at);
  };

  const claimed = seed.kind === TicketKind.WISH && path.claimed === true;
  const publishAt = t + rng.int(1, 20) * HOUR;
  if (seed.kind === TicketKind.WISH && (path.end === TicketStatus.PUBLISHED || claimed)) {
    step(TicketAction.PUBLISH, TicketStatus.PUBLISHED, publishAt, manager, 'site_manager');
    ticket.publishedAt = new Date(publishAt);
  }

  switch (path.end) {
    case TicketStatus.REJECTED:
      ended(TicketAction.REJECT, TicketStatus.REJECTED, t + rng.int(1, 30) * HOUR, rng.pick(REJECTIONS));
      break;
    case TicketStatus.CANCELLED:
      if (person.requesterSubject)
        ended(TicketAction.CANCEL, TicketStatus.CANCELLED, t + rng.int(1, 48) * HOUR, rng.pick(CANCELLATIONS), person.requesterSubject, 'citizen');
      else ended(TicketAction.CANCEL, TicketStatus.CANCELLED, t + rng.int(1, 48) * HOUR, rng.pick(CANCELLATIONS));
      break;
    case TicketStatus.DUPLICATE:
      ended(TicketAction.MARK_DUPLICATE, TicketStatus.DUPLICATE, t + rng.int(1, 12) * HOUR, null);
      ticket.duplicateOfId = path.duplicateOf ?? null;
      break;
    default:
      break;
  }

  if (path.volunteerId || path.teamId) {
    if (claimed) {
      const claimedAt = path.acceptedAt ?? publishAt + rng.int(1, 30) * HOUR;
      step(TicketAction.CLAIM, TicketStatus.ACCEPTED, claimedAt, volunteerActor(path.volunteerId!), 'volunteer');
      ticket.acceptedAt = new Date(claimedAt);
      ticket.firstDispatchedAt = ticket.acceptedAt;
    } else {
      const dispatchedAt = path.dispatchedAt ?? t + rng.int(1, 20) * HOUR;
      if (path.declinedBy) {
        step(TicketAction.DISPATCH, TicketStatus.DISPATCHED, dispatchedAt - 2 * HOUR, manager, 'site_manager', '→ 志愿者');
        step(TicketAction.DECLINE, TicketStatus.SUBMITTED, dispatchedAt - HOUR, volunteerActor(path.declinedBy), 'volunteer', rng.pick(DECLINES));
      }
      step(TicketAction.DISPATCH, TicketStatus.DISPATCHED, dispatchedAt, manager, 'site_manager', path.teamId ? '→ 服务队' : '→ 志愿者');
      ticket.dispatchedAt = new Date(dispatchedAt);
      ticket.firstDispatchedAt = new Date(path.declinedBy ? dispatchedAt - 2 * HOUR : dispatchedAt);
      if (path.acceptedAt && path.volunteerId) {
        step(TicketAction.ACCEPT, TicketStatus.ACCEPTED, path.acceptedAt, volunteerActor(path.volunteerId), 'volunteer');
        ticket.acceptedAt = new Date(path.acceptedAt);
      }
    }
    ticket.assignedVolunteerId = path.volunteerId ?? null;
    ticket.assignedTeamId = path.teamId ?? null;
    if (path.startedAt && ticket.acceptedAt) {
      step(TicketAction.START, TicketStatus.IN_PROGRESS, path.startedAt, volunteerActor(path.volunteerId!), 'volunteer');
      ticket.startedAt = new Date(path.startedAt);
    }
    if (path.completedAt && ticket.acceptedAt) {
      step(TicketAction.COMPLETE, TicketStatus.COMPLETED, path.completedAt, volunteerActor(path.volunteerId!), 'volunteer');
      ticket.completedAt = new Date(path.completedAt);
      ticket.participants = path.participants ?? [];
      afterService(rng, ticket, path, manager, step, followUps);
    }
  }
  ticket.status = status!;
  ticket.version = events.length;
  ticket.updatedAt = events[events.length - 1].at;
  const scopes = pathIds(site.path).map((siteId) => ({ siteId, ticketId: seed.id, status: ticket.status }));
  return { ticket, events, scopes, followUps };
}

/** Rated by most requesters within days, followed up and closed by the site after a while. */
function afterService(
  rng: Rng,
  ticket: TicketRow,
  path: TicketPath,
  manager: string,
  step: (action: TicketAction, to: TicketStatus, at: number, actor: string, role: string, note?: string | null) => void,
  followUps: FollowUpRow[],
): void {
  const done = path.completedAt!;
  const rateAt = done + rng.int(1, 72) * HOUR;
  const rated = rng.chance(0.72) && rateAt < path.now;
  if (rated) {
    const rating = rng.weighted(
      RATING_WEIGHTS.map(([r]) => r),
      RATING_WEIGHTS.map(([, w]) => w),
    );
    const byPhone = !ticket.requesterSubject;
    step(TicketAction.RATE, TicketStatus.RATED, rateAt, byPhone ? manager : ticket.requesterSubject!, byPhone ? 'site_manager' : 'citizen', `${rating}★`);
    ticket.rating = rating;
    ticket.ratingComment = rng.chance(0.6) ? rng.pick(RATING_COMMENTS[rating]) : null;
    ticket.ratedAt = new Date(rateAt);
  }
  const status = rated ? TicketStatus.RATED : TicketStatus.COMPLETED;
  const followAt = (rated ? rateAt : done) + rng.int(24, 240) * HOUR;
  if (rng.chance(0.35) && followAt < path.now) {
    const note = rng.pick(FOLLOW_UPS);
    step(TicketAction.FOLLOW_UP, status, followAt, manager, 'site_manager', note);
    followUps.push({
      id: uuidv7(followAt, rng.bytes),
      ticketId: ticket.id,
      note,
      satisfied: note.includes('满意') ? true : null,
      followedUpBy: manager,
      followedUpAt: new Date(followAt),
    });
  }
  const closeAt = Math.max(followAt, done + 14 * 24 * HOUR) + rng.int(1, 72) * HOUR;
  if (closeAt < path.now && rng.chance(0.85)) {
    step(TicketAction.CLOSE, TicketStatus.CLOSED, closeAt, manager, 'site_manager');
    ticket.closedAt = new Date(closeAt);
  }
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
