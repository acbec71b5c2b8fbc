/**
 * Deterministic demo tickets over the other subgraphs' demo data (the same sites, volunteers and
 * catalogues, by the same generators and seed). Every service record the volunteers demo says came
 * from a ticket is a completed ticket here — same id, site, day, volunteer and hours — so the hours
 * in the volunteers subgraph match; every open assignment there is a ticket in hand here; and more
 * tickets wait, were rejected, cancelled or merged, across every channel.
 */
import { Rng, mixSeed, todayInChina, uuidv7 } from '@practice/common';
import { DEMO_SCALES, DemoNetwork, DemoScaleName, DemoSite, demoNetwork } from '@practice/sites';
import { generateCatalogueNetwork } from '@practice/resources';
import { generateVolunteerNetwork } from '@practice/volunteers';
import { DEFAULT_SLA, SlaRules, parseSla } from '../ticket/sla';
import type { FormAnswer } from '../ticket/ticket.entity';
import { TicketChannel, TicketKind, TicketStatus } from '../ticket/ticket.enums';
import { CHANNEL_WEIGHTS, NEEDS, WISHES } from './demo-tables';
import { EventRow, FollowUpRow, ScopeRow, Story, TicketRow, TicketSeed, tellStory } from './ticket-story';

export const DEFAULT_DEMO_SEED = 20260101;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const CHINA = 8 * HOUR;

export interface TicketNetworkOptions {
  network?: DemoNetwork;
  counties?: number;
  seed?: number;
  /** As given to the volunteers demo: the tickets follow its volunteers. */
  volunteers?: number;
  today?: string;
  sla?: SlaRules;
  /** The demo scale of the other subgraphs' demo data (and of the tickets besides theirs); `small` by default. */
  scale?: DemoScaleName;
}

export interface TicketChunk {
  tickets: TicketRow[];
  events: EventRow[];
  scopes: ScopeRow[];
  followUps: FollowUpRow[];
}

export interface TicketNetwork {
  network: DemoNetwork;
  /** The volunteers of the volunteers demo whose tickets these are. */
  volunteerCount: number;
  /** The tickets of `size` volunteers at a time; every call starts again and gives the same chunks. */
  chunks(size?: number): Generator<TicketChunk>;
  /** The last number of each county's day, once the chunks have all been read. */
  counters(): { scope: string; lastNumber: number }[];
}

interface Orderable {
  id: string;
  publisherId: string;
  title: string;
  description: string;
  categoryCode: string;
  form: { key: string; type: string; required: boolean; options: { value: string }[] | null; min: number | null; max: number | null }[];
}

export function generateTicketNetwork(options: TicketNetworkOptions = {}): TicketNetwork {
  const counties = Math.max(1, options.counties ?? 1);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const network = options.network ?? demoNetwork({ counties, seed: options.seed, scale: options.scale });
  const today = options.today ?? todayInChina();
  // The start of today in China: every story has happened by then, whatever the hour of seeding.
  const now = Date.parse(`${today}T00:00:00Z`) - CHINA;
  const sla = options.sla ?? parseSla(DEFAULT_SLA);
  const sites = new Map(network.sites.map((site) => [site.id, site]));
  const managers = new Map(network.managers.map((manager) => [manager.siteId, manager.subject]));
  const managerOf = (site: DemoSite): string => {
    for (const id of site.path.split('/').filter(Boolean).reverse()) {
      const subject = managers.get(id);
      if (subject) return subject;
    }
    return 'demo-data';
  };
  const orderable = orderableResources(network, seed, today, options.scale);
  const otherShare = DEMO_SCALES[options.scale ?? 'small'].otherTickets;
  const counters = new Map<string, number>();
  const codeOf = (site: DemoSite, at: number): string => {
    const day = new Date(at + CHINA).toISOString().slice(0, 10).replaceAll('-', '');
    const scope = `${site.regionCode.slice(0, 6)}-${day}`;
    const n = (counters.get(scope) ?? 0) + 1;
    counters.set(scope, n);
    return `${scope}-${String(n).padStart(4, '0')}`;
  };

  function* chunks(size = 1000): Generator<TicketChunk> {
    counters.clear();
    const volunteers = generateVolunteerNetwork({ network, seed, volunteers: options.volunteers, today, scale: options.scale });
    const rng = new Rng(mixSeed(seed, 41));
    for (const part of volunteers.chunks(size)) {
      const chunk: TicketChunk = { tickets: [], events: [], scopes: [], followUps: [] };
      const add = (story: Story) => {
        chunk.tickets.push(story.ticket);
        chunk.events.push(...story.events);
        chunk.scopes.push(...story.scopes);
        chunk.followUps.push(...story.followUps);
      };
      const teamOf = new Map(part.members.map((member) => [member.volunteerId, member.teamId]));
      const active = part.volunteers.filter((v) => v.status === 'ACTIVE');
      const seedFor = (site: DemoSite, at: number, kind: TicketKind, id = uuidv7(at, rng.bytes)): TicketSeed => {
        const channel = rng.weighted(
          CHANNEL_WEIGHTS.map(([c]) => c as TicketChannel),
          CHANNEL_WEIGHTS.map(([, w]) => w),
        );
        const base = {
          id,
          code: codeOf(site, at),
          kind,
          channel,
          site,
          submittedAt: at,
          manager: managerOf(site),
          resource: null,
          neededSkillCodes: [] as string[],
        };
        if (kind === TicketKind.WISH) {
          const wish = rng.pick(WISHES);
          return { ...base, title: wish.title, description: wish.description, categoryCode: wish.category };
        }
        const offers = kind === TicketKind.ORDER ? orderable(site) : [];
        if (offers.length) {
          const resource = rng.pick(offers);
          return {
            ...base,
            title: resource.title,
            description: `预约：${resource.description.slice(0, 80)}`,
            categoryCode: resource.categoryCode,
            resource: { id: resource.id, publisherId: resource.publisherId, answers: answersFor(rng, resource, now) },
          };
        }
        const need = rng.pick(NEEDS);
        return {
          ...base,
          kind: TicketKind.REQUEST,
          title: need.title,
          description: need.description,
          categoryCode: need.category,
          neededSkillCodes: need.skills,
        };
      };
      const kindOf = (): TicketKind => rng.weighted([TicketKind.ORDER, TicketKind.REQUEST, TicketKind.WISH], [0.5, 0.38, 0.12]);

      // Completed tickets: one for each record the volunteers demo says came from a ticket.
      for (const record of part.records) {
        if (record.sourceType !== 'TICKET') continue;
        const site = sites.get(record.siteId)!;
        const startedAt = Date.parse(`${record.servedOn}T00:00:00Z`) - CHINA + rng.int(480, 900) * 60_000;
        const submittedAt = Math.min(startedAt - rng.int(6, 120) * HOUR, uuidTime(record.sourceReference));
        const kind = kindOf();
        const ticket = seedFor(site, submittedAt, kind, record.sourceReference);
        const dispatchedAt = submittedAt + Math.floor((startedAt - submittedAt) * (0.1 + 0.4 * rng.next()));
        const acceptedAt = dispatchedAt + Math.floor((startedAt - dispatchedAt) * (0.1 + 0.5 * rng.next()));
        const claimed = ticket.kind === TicketKind.WISH;
        const team = !claimed && rng.chance(0.1) ? teamOf.get(record.volunteerId) : undefined;
        const other = rng.chance(0.08) ? rng.pick(part.volunteers) : undefined;
        add(
          tellStory(rng, sla, ticket, {
            end: TicketStatus.COMPLETED,
            volunteerId: record.volunteerId,
            teamId: team,
            claimed,
            declinedBy: !claimed && !team && other && other.id !== record.volunteerId ? other.id : undefined,
            dispatchedAt: claimed ? undefined : dispatchedAt,
            acceptedAt,
            startedAt: rng.chance(0.7) ? startedAt : undefined,
            completedAt: startedAt + record.hoursHundredths * 36_000,
            participants: [{ volunteerId: record.volunteerId, hoursHundredths: record.hoursHundredths }],
            now,
          }),
        );
      }

      // Tickets in hand: one for each open assignment of the volunteers demo.
      for (const assignment of part.assignments) {
        const volunteer = part.volunteers.find((v) => v.id === assignment.volunteerId)!;
        const site = sites.get(volunteer.homeSiteId)!;
        const acceptedAt = assignment.acceptedAt!.getTime();
        const submittedAt = uuidTime(assignment.ticketId);
        const ticket = seedFor(site, submittedAt, rng.chance(0.6) ? TicketKind.ORDER : TicketKind.REQUEST, assignment.ticketId);
        const started = rng.chance(0.4) ? Math.min(now - HOUR, acceptedAt + rng.int(1, 24) * HOUR) : undefined;
        add(
          tellStory(rng, sla, ticket, {
            end: started ? TicketStatus.IN_PROGRESS : TicketStatus.ACCEPTED,
            volunteerId: volunteer.id,
            dispatchedAt: submittedAt + Math.floor((acceptedAt - submittedAt) * 0.4),
            acceptedAt,
            startedAt: started,
            now,
          }),
        );
      }

      // Tickets nobody has taken, or never will: waiting, on the wish wall, dispatched, rejected, cancelled, merged.
      const others = Math.round(chunk.tickets.length * otherShare) + 1;
      for (let i = 0; i < others && part.volunteers.length; i++) {
        const home = sites.get(rng.pick(part.volunteers).homeSiteId)!;
        const end = rng.weighted(
          [TicketStatus.SUBMITTED, TicketStatus.PUBLISHED, TicketStatus.DISPATCHED, TicketStatus.REJECTED, TicketStatus.CANCELLED, TicketStatus.DUPLICATE],
          // Waiting tickets are the last week's: a few per hundred of two years' tickets, not half of them.
          [0.03, 0.015, 0.015, 0.3, 0.42, 0.22],
        );
        const open = end === TicketStatus.SUBMITTED || end === TicketStatus.PUBLISHED || end === TicketStatus.DISPATCHED;
        // Old enough for every step of its story to lie before now: a publication comes within 20
        // hours of the submission, a rejection within 30, a cancellation within 48.
        const age = open ? rng.int(21, 7 * 24) * HOUR : rng.int(3, 720) * DAY;
        const submittedAt = now - age;
        const kind = end === TicketStatus.PUBLISHED ? TicketKind.WISH : end === TicketStatus.DUPLICATE ? TicketKind.REQUEST : kindOf();
        const ticket = seedFor(home, submittedAt, kind === TicketKind.WISH && end !== TicketStatus.PUBLISHED ? TicketKind.REQUEST : kind);
        const taker = end === TicketStatus.DISPATCHED && active.length ? rng.pick(active) : undefined;
        const original =
          end === TicketStatus.DUPLICATE ? chunk.tickets.find((t) => t.servingSiteId === home.id && t.submittedAt.getTime() < submittedAt) : undefined;
        add(
          tellStory(rng, sla, ticket, {
            end: end === TicketStatus.DUPLICATE && !original ? TicketStatus.CANCELLED : taker || end !== TicketStatus.DISPATCHED ? end : TicketStatus.SUBMITTED,
            volunteerId: taker?.id,
            dispatchedAt: taker ? submittedAt + Math.floor(age * rng.next() * 0.5) : undefined,
            duplicateOf: original?.id,
            now,
          }),
        );
      }
      yield chunk;
    }
  }

  const volunteerCount = generateVolunteerNetwork({ network, seed, volunteers: options.volunteers, today, scale: options.scale }).volunteerCount;
  return { network, volunteerCount, chunks, counters: () => [...counters].map(([scope, lastNumber]) => ({ scope, lastNumber })) };
}

/** The millisecond a UUIDv7 carries in its first 48 bits. */
const uuidTime = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

/**
 * What a citizen at a site can order: the published resources of the site, of the sites above it and
 * of the county's sector sub-centers, from the resources demo (the same ids).
 */
function orderableResources(network: DemoNetwork, seed: number, today: string, scale?: DemoScaleName): (site: DemoSite) => Orderable[] {
  const catalogue = generateCatalogueNetwork({ network, seed, today, scale });
  const byPublisher = new Map<string, Orderable[]>();
  for (const chunk of catalogue.chunks(5000)) {
    const categories = new Map<string, string>();
    for (const facet of chunk.facets) if (facet.facet === 'CATEGORY' && !categories.has(facet.resourceId)) categories.set(facet.resourceId, facet.value);
    for (const resource of chunk.resources) {
      if (resource.status !== 'PUBLISHED') continue;
      const list = byPublisher.get(resource.publisherId) ?? [];
      list.push({
        id: resource.id,
        publisherId: resource.publisherId,
        title: resource.title,
        description: resource.description,
        categoryCode: categories.get(resource.id) ?? 'SERVICE.LIVELIHOOD',
        form: resource.orderForm.map((field) => ({
          key: field.key,
          type: field.type,
          required: field.required,
          options: field.options ?? null,
          min: field.min ?? null,
          max: field.max ?? null,
        })),
      });
      byPublisher.set(resource.publisherId, list);
    }
  }
  const subCentersOf = new Map<string, string[]>();
  for (const site of network.sites) {
    if (site.kind !== 'SECTOR_SUBCENTER') continue;
    const county = site.regionCode.slice(0, 6);
    subCentersOf.set(county, [...(subCentersOf.get(county) ?? []), site.id]);
  }
  const cache = new Map<string, Orderable[]>();
  return (site) => {
    let offers = cache.get(site.id);
    if (!offers) {
      const publishers = [...site.path.split('/').filter(Boolean), ...(subCentersOf.get(site.regionCode.slice(0, 6)) ?? [])];
      offers = publishers.flatMap((id) => byPublisher.get(id) ?? []);
      cache.set(site.id, offers);
    }
    return offers;
  };
}

/** Answers every required field of the order form, and some optional ones, with valid values. */
function answersFor(rng: Rng, resource: Orderable, now: number): FormAnswer[] {
  const answers: FormAnswer[] = [];
  for (const field of resource.form) {
    if (!field.required && !rng.chance(0.5)) continue;
    switch (field.type) {
      case 'NUMBER':
        answers.push({ key: field.key, value: String(rng.int(field.min ?? 1, Math.max(field.min ?? 1, Math.min(field.max ?? 10, (field.min ?? 1) + 9)))) });
        break;
      case 'DATE':
        answers.push({ key: field.key, value: new Date(now + rng.int(1, 20) * DAY).toISOString().slice(0, 10) });
        break;
      case 'SINGLE_CHOICE':
        answers.push({ key: field.key, value: rng.pick(field.options ?? [{ value: '-' }]).value });
        break;
      case 'MULTIPLE_CHOICE':
        answers.push({ key: field.key, values: rng.sample(field.options ?? [], rng.int(1, Math.max(1, (field.options ?? []).length))).map((o) => o.value) });
        break;
      default:
        answers.push({ key: field.key, value: rng.pick(['家中老人需要帮助', '请尽快联系', '下午在家', '周末方便']) });
    }
  }
  return answers;
}
