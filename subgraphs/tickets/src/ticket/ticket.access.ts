import { Principal, Role, isAdmin, managesSite } from '@practice/common';
import type { Ticket } from './ticket.entity';
import { TicketKind, TicketStatus } from './ticket.enums';
import type { Actor } from './ticket.transitions';

type Scoped = Pick<Ticket, 'servingSiteId' | 'servingSitePath'>;

/** What the caller is to a ticket, beyond their role. */
export interface Relation {
  /** Team ids the calling volunteer belongs to (asked of the volunteers subgraph when needed). */
  teamIds?: readonly string[];
  /** The calling volunteer is registered and ACTIVE. */
  activeVolunteer?: boolean;
}

/** Managers of the serving site or of a site above it (an agency admin for a ticket its sub-center serves), and admins. */
export const managesTicket = (principal: Principal, ticket: Scoped): boolean =>
  managesSite(principal, { id: ticket.servingSiteId, path: ticket.servingSitePath });

export const isRequester = (principal: Principal, ticket: Pick<Ticket, 'requesterSubject'>): boolean =>
  principal.subject !== null && ticket.requesterSubject === principal.subject;

/** The volunteer it is dispatched to or who took it. */
export const isAssignedVolunteer = (principal: Principal, ticket: Pick<Ticket, 'assignedVolunteerId'>): boolean =>
  principal.volunteerId !== null && ticket.assignedVolunteerId === principal.volunteerId;

/** The agency of the ordered resource's publisher reads its orders. */
export const isResourceAgency = (principal: Principal, ticket: Pick<Ticket, 'resourcePublisherId'>): boolean =>
  principal.role === Role.AGENCY_ADMIN && ticket.resourcePublisherId !== null && principal.siteIds.includes(ticket.resourcePublisherId);

/** A wish on the wish wall is public. */
export const onWishWall = (ticket: Pick<Ticket, 'kind' | 'status'>): boolean => ticket.kind === TicketKind.WISH && ticket.status === TicketStatus.PUBLISHED;

export function seesTicket(principal: Principal, ticket: Ticket, relation: Relation = {}): boolean {
  if (isAdmin(principal) || principal.role === Role.ANALYST || onWishWall(ticket)) return true;
  if (managesTicket(principal, ticket) || isRequester(principal, ticket) || isAssignedVolunteer(principal, ticket) || isResourceAgency(principal, ticket)) {
    return true;
  }
  return ticket.assignedTeamId !== null && (relation.teamIds ?? []).includes(ticket.assignedTeamId);
}

/** While a volunteer serves a ticket they need to reach the requester. */
const SERVING = [TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS];

/**
 * Who sees the requester's name, phone and exact address in full: the requester, managers of the
 * serving site or above, admins, and the volunteer serving it while they serve. Analysts never do.
 */
export function seesRequester(principal: Principal, ticket: Ticket): boolean {
  if (principal.role === Role.ANALYST) return false;
  return isRequester(principal, ticket) || managesTicket(principal, ticket) || (isAssignedVolunteer(principal, ticket) && SERVING.includes(ticket.status));
}

/** Whether the caller stands in one of these relations to the ticket. */
export function actsAs(principal: Principal, ticket: Ticket, actors: readonly Actor[], relation: Relation): boolean {
  return actors.some((actor) => {
    switch (actor) {
      case 'requester':
        return isRequester(principal, ticket);
      case 'manager':
        return managesTicket(principal, ticket);
      case 'assignee':
        return (
          principal.role === Role.VOLUNTEER &&
          (isAssignedVolunteer(principal, ticket) || (ticket.assignedTeamId !== null && (relation.teamIds ?? []).includes(ticket.assignedTeamId)))
        );
      case 'taker':
        return principal.role === Role.VOLUNTEER && isAssignedVolunteer(principal, ticket);
      case 'volunteer':
        return principal.role === Role.VOLUNTEER && principal.volunteerId !== null && relation.activeVolunteer === true;
    }
  });
}
