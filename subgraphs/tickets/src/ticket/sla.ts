import type { EnvVar } from '@practice/common';
import { TicketChannel, TicketKind } from './ticket.enums';

/** Time allowed to dispatch a ticket and to complete it, from its submission. */
export interface Deadlines {
  dispatchMs: number;
  completeMs: number;
}

/**
 * The deadlines of each channel and kind: a default, overridden by a kind, a channel, or both
 * (`HOTLINE_12345/ORDER`), the most specific rule winning. A hotline call is answered faster than
 * an online order; a wish may wait longer on the wish wall.
 */
export class SlaRules {
  constructor(private readonly rules: ReadonlyMap<string, Deadlines>) {}

  deadlinesOf(channel: TicketChannel, kind: TicketKind): Deadlines {
    return this.rules.get(`${channel}/${kind}`) ?? this.rules.get(channel) ?? this.rules.get(kind) ?? this.rules.get('*')!;
  }

  describe(): { scope: string; dispatchMs: number; completeMs: number }[] {
    return [...this.rules].map(([scope, deadlines]) => ({ scope, ...deadlines }));
  }
}

export const DEFAULT_SLA = '*:dispatch=24h,complete=7d;HOTLINE_12345:dispatch=2h,complete=3d;GRID_WORKER:dispatch=4h,complete=3d;WISH:dispatch=7d,complete=30d';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const SCOPES = new Set<string>(['*', ...Object.values(TicketChannel), ...Object.values(TicketKind)]);

function duration(raw: string): number {
  const match = /^(\d{1,4})([mhd])$/.exec(raw);
  if (!match || Number(match[1]) === 0) throw new Error(`"${raw}" is not a duration such as 30m, 4h or 7d`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** `TICKET_SLA`: `scope:dispatch=24h,complete=7d;…` where a scope is `*`, a channel, a kind or `CHANNEL/KIND`. */
export function parseSla(raw: string): SlaRules {
  const rules = new Map<string, Deadlines>();
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [scope, settings] = part.split(':').map((p) => p?.trim());
    if (!scope || !settings) throw new Error(`"${part}" is not scope:dispatch=…,complete=…`);
    const [first, second] = scope.split('/');
    if (
      !SCOPES.has(first) ||
      (second !== undefined && !(Object.values(TicketChannel).includes(first as TicketChannel) && Object.values(TicketKind).includes(second as TicketKind)))
    ) {
      throw new Error(`"${scope}" is not *, a channel, a kind or CHANNEL/KIND`);
    }
    const values = Object.fromEntries(settings.split(',').map((pair) => pair.split('=').map((p) => p.trim())));
    if (!values.dispatch || !values.complete || Object.keys(values).length !== 2) throw new Error(`"${part}" needs dispatch= and complete=`);
    const deadlines = { dispatchMs: duration(values.dispatch), completeMs: duration(values.complete) };
    if (deadlines.completeMs < deadlines.dispatchMs) throw new Error(`"${part}": complete must not be shorter than dispatch`);
    rules.set(scope, deadlines);
  }
  if (!rules.has('*')) throw new Error('needs a default rule *:dispatch=…,complete=…');
  return new SlaRules(rules);
}

export const slaEnvVar = (description: string): EnvVar<SlaRules> => ({ description, default: parseSla(DEFAULT_SLA), parse: parseSla });
