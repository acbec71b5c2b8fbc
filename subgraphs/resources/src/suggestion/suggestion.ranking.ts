import { registerEnumType } from 'type-graphql';

/** How a resource's category relates to the ticket's. */
export enum CategoryFit {
  /** The ticket's own term. */
  EXACT = 'EXACT',
  /** A term below it: a specific case of what the ticket asks. */
  NARROWER = 'NARROWER',
  /** A term above it (never a top-level grouping): a broader offer that includes what the ticket asks. */
  BROADER = 'BROADER',
}

/** Where the publisher stands from the ticket's serving site. */
export enum Proximity {
  OWN_SITE = 'OWN_SITE',
  ABOVE = 'ABOVE',
  SECTOR_SUBCENTER = 'SECTOR_SUBCENTER',
}

/** Why a resource is suggested, in the order the ranking weighs them. */
export enum SuggestionReason {
  OWN_SITE = 'OWN_SITE',
  FROM_ABOVE = 'FROM_ABOVE',
  FROM_SECTOR_SUBCENTER = 'FROM_SECTOR_SUBCENTER',
  CATEGORY_EXACT = 'CATEGORY_EXACT',
  CATEGORY_NARROWER = 'CATEGORY_NARROWER',
  CATEGORY_BROADER = 'CATEGORY_BROADER',
  ON_MENU = 'ON_MENU',
  CAPACITY_LEFT = 'CAPACITY_LEFT',
  UNLIMITED_CAPACITY = 'UNLIMITED_CAPACITY',
}

registerEnumType(CategoryFit, { name: 'CategoryFit', description: 'How a suggested resource’s category relates to the ticket’s' });
registerEnumType(SuggestionReason, { name: 'SuggestionReason', description: 'Why a resource is suggested for a ticket' });

export interface CategoryMatch {
  fit: CategoryFit;
  /** Levels between the two terms; 0 for EXACT. */
  levels: number;
  code: string;
}

const depthOf = (code: string): number => code.split('.').length;

/**
 * A category code extends its parent's code (SERVICE.HEALTH > SERVICE.HEALTH.CHECKUP), so fit is
 * read from the codes alone. The top-level terms (SERVICE, TASK, LINE) only group the taxonomies:
 * a resource filed there says nothing about what it offers, so they never fit as BROADER.
 */
export function categoryMatch(ticketCode: string, resourceCode: string): CategoryMatch | null {
  if (resourceCode === ticketCode) return { fit: CategoryFit.EXACT, levels: 0, code: resourceCode };
  if (resourceCode.startsWith(`${ticketCode}.`)) return { fit: CategoryFit.NARROWER, levels: depthOf(resourceCode) - depthOf(ticketCode), code: resourceCode };
  if (ticketCode.startsWith(`${resourceCode}.`) && depthOf(resourceCode) > 1)
    return { fit: CategoryFit.BROADER, levels: depthOf(ticketCode) - depthOf(resourceCode), code: resourceCode };
  return null;
}

/** The terms above a code that fit as BROADER. */
export function broaderCodes(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(2).map((_, index) => parts.slice(0, index + 2).join('.'));
}

/** Nearer terms first: EXACT, then NARROWER and BROADER by how many levels apart. */
export function fitPoints(match: CategoryMatch): number {
  if (match.fit === CategoryFit.EXACT) return 9;
  if (match.fit === CategoryFit.NARROWER) return Math.max(4, 7 - match.levels);
  return Math.max(1, 4 - match.levels);
}

export const betterMatch = (a: CategoryMatch | null, b: CategoryMatch | null): CategoryMatch | null =>
  !a ? b : !b ? a : fitPoints(b) > fitPoints(a) || (fitPoints(b) === fitPoints(a) && b.code < a.code) ? b : a;

/** A resource that reaches the ticket's site, fits its category and has room in its month. */
export interface Candidate {
  resourceId: string;
  /** 0 for the serving site, 1 for its parent, …; sector sub-centers after the root. */
  distance: number;
  proximity: Proximity;
  category: CategoryMatch;
  onMenu: boolean;
  quota: number | null;
  orders: number;
  capacityLeft: number | null;
}

export interface RankedCandidate extends Candidate {
  score: number;
  reasons: SuggestionReason[];
}

/** Nearer publisher, then nearer category, then on a menu, then more room (unlimited first), then id: the same order every time. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.distance - b.distance ||
    fitPoints(b.category) - fitPoints(a.category) ||
    Number(b.onMenu) - Number(a.onMenu) ||
    room(b) - room(a) ||
    (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0)
  );
}

/** 1 for unlimited, else rising towards 1 with the room left: below every step of the weights above it. */
const room = (candidate: Candidate): number => (candidate.capacityLeft === null ? 1 : candidate.capacityLeft / (candidate.capacityLeft + 10));

/**
 * The ranking as one number from 0 to 1, higher first: each criterion is weighted above everything
 * after it, so the score never contradicts the order (candidates of equal score are ordered by id).
 */
export function scoreOf(candidate: Candidate): number {
  const proximity = Math.max(0, 9 - candidate.distance);
  const points = 1000 * proximity + 100 * fitPoints(candidate.category) + 10 * Number(candidate.onMenu) + room(candidate);
  return Math.round(points * 1000) / 10_000_000;
}

const PROXIMITY_REASON: Record<Proximity, SuggestionReason> = {
  [Proximity.OWN_SITE]: SuggestionReason.OWN_SITE,
  [Proximity.ABOVE]: SuggestionReason.FROM_ABOVE,
  [Proximity.SECTOR_SUBCENTER]: SuggestionReason.FROM_SECTOR_SUBCENTER,
};
const FIT_REASON: Record<CategoryFit, SuggestionReason> = {
  [CategoryFit.EXACT]: SuggestionReason.CATEGORY_EXACT,
  [CategoryFit.NARROWER]: SuggestionReason.CATEGORY_NARROWER,
  [CategoryFit.BROADER]: SuggestionReason.CATEGORY_BROADER,
};

export function reasonsOf(candidate: Candidate): SuggestionReason[] {
  return [
    PROXIMITY_REASON[candidate.proximity],
    FIT_REASON[candidate.category.fit],
    ...(candidate.onMenu ? [SuggestionReason.ON_MENU] : []),
    candidate.capacityLeft === null ? SuggestionReason.UNLIMITED_CAPACITY : SuggestionReason.CAPACITY_LEFT,
  ];
}

export function rank(candidates: Candidate[]): RankedCandidate[] {
  return [...candidates].sort(compareCandidates).map((candidate) => ({ ...candidate, score: scoreOf(candidate), reasons: reasonsOf(candidate) }));
}
