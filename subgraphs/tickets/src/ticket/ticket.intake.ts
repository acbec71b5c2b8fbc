import {
  AppError,
  Caller,
  ErrorCode,
  FieldProblem,
  Principal,
  Role,
  SiteDirectory,
  SiteFacts,
  badInput,
  conflict,
  enqueue,
  findSites,
  forbidden,
  invalidFields,
  isUniqueViolation,
  managesSite,
  pathIds,
  requireSignedIn,
  runTransaction,
  uuidv7,
} from '@practice/common';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { applyToMonthStats } from '../analytics/month-stats';
import { unknownCodes } from '../directory/codes';
import type { ResourceDirectory, ResourceFacts } from '../directory/resource-directory';
import type { SlaRules } from './sla';
import { checkAnswers } from './order-form';
import { nextTicketCode } from './ticket-code';
import { FormAnswer, Ticket } from './ticket.entity';
import { TicketAction, TicketChannel, TicketKind, TicketStatus } from './ticket.enums';
import { TicketScope } from './ticket-event.entity';
import type { SubmitTicketInput } from './ticket.inputs';
import * as outbound from './ticket.outbound';
import { recordEvent } from './ticket.workflow';

/** Channels where staff take the request down for someone else: a hotline operator, a grid worker, a desk. */
const STAFF_CHANNELS = [TicketChannel.HOTLINE_12345, TicketChannel.GRID_WORKER, TicketChannel.WALK_IN];
const DAY_MS = 86_400_000;
const ATTEMPTS = 3;

const lostLockRace = (error: unknown): boolean =>
  error instanceof AppError && error.code === ErrorCode.CONFLICT && error.extensions.reason === 'CONCURRENT_CHANGE';

interface Targets {
  resourcesUrl: string;
  volunteersUrl: string;
}

/**
 * Submission (点单, a wish, a request): who may submit on which channel, the serving site and the
 * ordered resource checked with their subgraphs, the answers checked against the resource's order
 * form, and idempotency by the caller's key: a retry returns the first ticket, never a second.
 */
export class TicketIntake {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
    private readonly resources: ResourceDirectory,
    private readonly targets: Targets,
    private readonly sla: SlaRules,
    private readonly onCommit: () => void = () => undefined,
  ) {}

  async submit(caller: Caller, input: SubmitTicketInput): Promise<Ticket> {
    const { principal } = caller;
    requireSignedIn(principal);
    const hash = submissionHash(input);
    const earlier = await this.bySubmissionKey(this.db.manager, principal.subject!, input.idempotencyKey);
    if (earlier) return sameOrConflict(earlier, hash);
    checkShape(principal, input);
    const [site, resource] = await Promise.all([this.servingSite(caller, input), this.orderedResource(caller, input)]);
    checkChannel(principal, input, site);
    const answers = resource ? checkedAnswers(resource, input) : [];
    const categoryCode = input.categoryCode ?? resource?.categories[0]?.code ?? null;
    await this.checkCodes(categoryCode, input.neededSkillCodes ?? []);
    for (let attempt = 1; ; attempt++) {
      try {
        const ticket = await runTransaction(
          this.db,
          (manager) => this.insert(manager, caller, input, { site, resource, answers, categoryCode, hash }),
          'The ticket',
        );
        this.onCommit();
        return ticket;
      } catch (error) {
        if (!isUniqueViolation(error) && !lostLockRace(error)) throw error;
        // A concurrent retry with the same key got there first, or the two met on a lock.
        const first = await this.bySubmissionKey(this.db.manager, principal.subject!, input.idempotencyKey);
        if (first) return sameOrConflict(first, hash);
        if (attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async insert(
    manager: EntityManager,
    caller: Caller,
    input: SubmitTicketInput,
    facts: { site: SiteFacts; resource: ResourceFacts | null; answers: FormAnswer[]; categoryCode: string | null; hash: string },
  ): Promise<Ticket> {
    const { principal } = caller;
    const now = new Date();
    const staff = STAFF_CHANNELS.includes(input.channel);
    const deadlines = this.sla.deadlinesOf(input.channel, input.kind);
    const ticket: Ticket = {
      id: uuidv7(now.getTime()),
      code: await nextTicketCode(manager, facts.site.regionCode, now),
      kind: input.kind,
      channel: input.channel,
      status: TicketStatus.SUBMITTED,
      title: input.title,
      description: input.description,
      categoryCode: facts.categoryCode,
      neededSkillCodes: [...(input.neededSkillCodes ?? [])].sort(),
      servingSiteId: facts.site.id,
      servingSitePath: facts.site.path,
      servingSiteRegionCode: facts.site.regionCode,
      resourceId: facts.resource?.id ?? null,
      resourcePublisherId: facts.resource?.publisher.id ?? null,
      formAnswers: facts.answers,
      requesterSubject: staff ? null : principal.subject,
      requesterName: input.requester?.name ?? null,
      requesterPhone: input.requester?.phone ?? null,
      submittedBy: principal.subject!,
      idempotencyKey: input.idempotencyKey,
      submissionHash: facts.hash,
      // Without a place of its own, the service happens at or near the serving site: matching measures from there.
      latitude: input.location?.latitude ?? facts.site.location?.latitude ?? null,
      longitude: input.location?.longitude ?? facts.site.location?.longitude ?? null,
      address: input.address ?? null,
      desiredFrom: input.desiredFrom ?? null,
      desiredTo: input.desiredTo ?? null,
      assignedVolunteerId: null,
      assignedTeamId: null,
      dispatchDueAt: new Date(now.getTime() + deadlines.dispatchMs),
      completionDueAt: new Date(now.getTime() + deadlines.completeMs),
      rating: null,
      ratingComment: null,
      participants: [],
      duplicateOfId: null,
      submittedAt: now,
      publishedAt: null,
      dispatchedAt: null,
      firstDispatchedAt: null,
      acceptedAt: null,
      startedAt: null,
      completedAt: null,
      ratedAt: null,
      closedAt: null,
      version: 1,
      updatedAt: now,
    };
    await manager.insert(Ticket, ticket);
    await applyToMonthStats(manager, null, ticket);
    await manager.insert(
      TicketScope,
      pathIds(facts.site.path).map((siteId) => ({ siteId, ticketId: ticket.id, status: ticket.status })),
    );
    await recordEvent(manager, ticket, TicketAction.SUBMIT, null, caller, `${input.channel}`, now);
    const events = outbound.ordered(ticket);
    if (events.length) await enqueue(manager, events);
    return manager.findOneByOrFail(Ticket, { id: ticket.id });
  }

  private bySubmissionKey(manager: EntityManager, submittedBy: string, idempotencyKey: string): Promise<Ticket | null> {
    return manager.findOneBy(Ticket, { submittedBy, idempotencyKey });
  }

  private async servingSite(caller: Caller, input: SubmitTicketInput): Promise<SiteFacts> {
    return (await findSites(this.sites, caller, [{ id: input.servingSiteId, field: 'input.servingSiteId', active: true }])).get(input.servingSiteId)!;
  }

  private async orderedResource(caller: Caller, input: SubmitTicketInput): Promise<ResourceFacts | null> {
    if (!input.resourceId) return null;
    const resource = (await this.resources.lookup([input.resourceId], caller.authorization)).get(input.resourceId);
    if (!resource) throw badInput('input.resourceId', `Resource ${input.resourceId} does not exist`, 'UNKNOWN_RESOURCE');
    if (resource.status !== 'PUBLISHED') throw badInput('input.resourceId', `${resource.title} cannot be ordered now`, 'RESOURCE_NOT_ORDERABLE');
    return resource;
  }

  private async checkCodes(categoryCode: string | null, skillCodes: readonly string[]): Promise<void> {
    const [categories, skills] = await Promise.all([
      unknownCodes({ url: this.targets.resourcesUrl, subgraph: 'resources' }, 'category', categoryCode ? [categoryCode] : []),
      unknownCodes({ url: this.targets.volunteersUrl, subgraph: 'volunteers' }, 'skill', skillCodes),
    ]);
    const problems: FieldProblem[] = [];
    if (categoryCode && categories.has(categoryCode)) problems.push({ field: 'input.categoryCode', message: `Unknown category ${categoryCode}` });
    skillCodes.forEach((code, index) => skills.has(code) && problems.push({ field: `input.neededSkillCodes[${index}]`, message: `Unknown skill ${code}` }));
    if (problems.length) throw invalidFields(problems);
  }
}

/** The rules of an input on its own, before anything is asked of other subgraphs. */
function checkShape(principal: Principal, input: SubmitTicketInput): void {
  if (principal.role === Role.ANALYST) throw forbidden('Analysts read tickets; they do not submit them', 'ANALYST_READ_ONLY');
  if (input.kind === TicketKind.ORDER && !input.resourceId) throw badInput('input.resourceId', 'An order names the resource it orders', 'RESOURCE_REQUIRED');
  if (input.kind !== TicketKind.ORDER && (input.resourceId || input.formAnswers?.length)) {
    throw badInput('input.resourceId', 'Only orders name a resource and answer its form', 'NOT_AN_ORDER');
  }
  const now = Date.now();
  const window = [input.desiredFrom, input.desiredTo];
  window.forEach((value, index) => {
    const field = index ? 'input.desiredTo' : 'input.desiredFrom';
    if (value && (Number.isNaN(value.getTime()) || value.getTime() < now - DAY_MS || value.getTime() > now + 366 * DAY_MS)) {
      throw badInput(field, 'must be a time between yesterday and a year from now', 'OUT_OF_RANGE');
    }
  });
  if (input.desiredFrom && input.desiredTo && input.desiredFrom >= input.desiredTo)
    throw badInput('input.desiredTo', 'must be after desiredFrom', 'WINDOW_REVERSED');
}

/**
 * Citizens and volunteers submit for themselves online; staff channels are for the managers of the
 * serving site (a hotline desk, a grid worker of the community), who take the requester's contact.
 */
function checkChannel(principal: Principal, input: SubmitTicketInput, site: SiteFacts): void {
  if (STAFF_CHANNELS.includes(input.channel)) {
    if (!managesSite(principal, site)) throw forbidden(`Only the staff of ${site.name} take ${input.channel} tickets for it`, 'NOT_SITE_MANAGER');
    if (!input.requester) throw badInput('input.requester', 'A ticket taken for someone else needs their name and phone', 'REQUESTER_REQUIRED');
    return;
  }
  if (principal.role !== Role.CITIZEN && principal.role !== Role.VOLUNTEER) {
    throw forbidden(`${input.channel} tickets are submitted by citizens themselves; staff use a staff channel`, 'SELF_SERVICE_CHANNEL');
  }
}

function checkedAnswers(resource: ResourceFacts, input: SubmitTicketInput): FormAnswer[] {
  const given = (input.formAnswers ?? []).map(({ key, value, values }) => ({ key, ...(value != null ? { value } : {}), ...(values ? { values } : {}) }));
  const { answers, problems } = checkAnswers(resource.orderForm, given, 'input.formAnswers');
  if (problems.length) throw invalidFields(problems);
  return answers;
}

/** What the submission says, without its key: a retry has the same hash. */
function submissionHash(input: SubmitTicketInput): string {
  const { idempotencyKey: _key, ...content } = input;
  const canonical = JSON.stringify(content, (_name, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

function sameOrConflict(ticket: Ticket, hash: string): Ticket {
  if (ticket.submissionHash !== hash) {
    throw conflict(`The idempotency key was used for ticket ${ticket.code} with other content`, {
      field: 'input.idempotencyKey',
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
  }
  return ticket;
}
