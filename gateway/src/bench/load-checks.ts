import type { DataSource } from 'typeorm';

/** What the gateway acknowledged during a load run, to be found in the databases afterwards. */
export interface Acknowledged {
  tickets: { id: string; subject: string; key: string }[];
  /** Transitions answered without error: the ticket and the action. */
  transitions: { id: string; action: string }[];
  redemptions: { id: string; volunteerId: string; points: number }[];
  /** Problems the clients saw while running, such as a retry answered with another ticket. */
  problems: string[];
}

const inChunks = <T>(items: T[], size = 500): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function existing(db: DataSource, table: string, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of inChunks(ids)) {
    const rows = (await db.query(`SELECT id FROM ${table} WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk)) as { id: string }[];
    for (const row of rows) found.add(row.id);
  }
  return found;
}

interface EventRow {
  ticket_id: string;
  sequence: number;
  action: string;
  from_status: string | null;
  to_status: string;
}

/** Each check's name and the problems it found (none: passed). */
export async function runChecks(tickets: DataSource, volunteers: DataSource, ack: Acknowledged): Promise<[string, string[]][]> {
  const results: [string, string[]][] = [['clients saw consistent answers (retries, balances)', ack.problems]];

  const stored = (await tickets.query('SELECT id, submitted_by, idempotency_key FROM ticket')) as {
    id: string;
    submitted_by: string;
    idempotency_key: string;
  }[];
  const byId = new Map(stored.map((row) => [row.id, row]));
  results.push([
    'every acknowledged ticket is stored with its key',
    ack.tickets
      .filter((ticket) => byId.get(ticket.id)?.idempotency_key !== ticket.key || byId.get(ticket.id)?.submitted_by !== ticket.subject)
      .map((ticket) => `ticket ${ticket.id} (${ticket.key}) missing`),
  ]);
  const perKey = new Map<string, number>();
  for (const row of stored) perKey.set(`${row.submitted_by} ${row.idempotency_key}`, (perKey.get(`${row.submitted_by} ${row.idempotency_key}`) ?? 0) + 1);
  results.push(['no two tickets for one idempotency key', [...perKey].filter(([, count]) => count > 1).map(([key, count]) => `${count} tickets for ${key}`)]);

  const events = (await tickets.query(
    'SELECT ticket_id, sequence, action, from_status, to_status FROM ticket_event ORDER BY ticket_id, sequence',
  )) as EventRow[];
  const history = new Map<string, EventRow[]>();
  for (const event of events) history.set(event.ticket_id, [...(history.get(event.ticket_id) ?? []), event]);
  results.push([
    'every acknowledged transition is in the ticket history',
    ack.transitions
      .filter((step) => !history.get(step.id)?.some((event) => event.action === step.action))
      .map((step) => `${step.action} of ${step.id} missing`),
  ]);
  const statuses = (await tickets.query('SELECT id, status, version FROM ticket')) as { id: string; status: string; version: number }[];
  const inconsistent: string[] = [];
  for (const ticket of statuses) {
    const steps = history.get(ticket.id) ?? [];
    const last = steps[steps.length - 1];
    if (!last) inconsistent.push(`${ticket.id}: no history`);
    else if (last.to_status !== ticket.status) inconsistent.push(`${ticket.id}: status ${ticket.status}, last event to ${last.to_status}`);
    else if (Number(last.sequence) !== Number(ticket.version)) inconsistent.push(`${ticket.id}: version ${ticket.version}, last event ${last.sequence}`);
    steps.forEach((event, index) => {
      const previous = steps[index - 1];
      if (previous && Number(event.sequence) !== Number(previous.sequence) + 1)
        inconsistent.push(`${ticket.id}: event ${event.sequence} after ${previous.sequence}`);
      if ((previous?.to_status ?? null) !== event.from_status)
        inconsistent.push(`${ticket.id}: event ${event.sequence} from ${event.from_status}, was ${previous?.to_status ?? null}`);
    });
  }
  results.push(["every ticket's history is in sequence and ends in its status", inconsistent]);

  const entries = await existing(
    volunteers,
    'points_entry',
    ack.redemptions.map((entry) => entry.id),
  );
  results.push([
    'every acknowledged redemption is in the ledger',
    ack.redemptions.filter((entry) => !entries.has(entry.id)).map((entry) => `redemption ${entry.id} of ${entry.volunteerId} missing`),
  ]);
  const negative = (await volunteers.query(
    'SELECT v.id AS id, v.points_balance AS balance FROM volunteer v WHERE v.points_balance < 0 UNION ALL SELECT e.volunteer_id AS id, e.balance_after AS balance FROM points_entry e WHERE e.balance_after < 0',
  )) as { id: string; balance: number }[];
  results.push(['no negative point balance', negative.map((row) => `${row.id}: ${row.balance}`)]);
  const redeemed = [...new Set(ack.redemptions.map((entry) => entry.volunteerId))];
  const drift: string[] = [];
  for (const chunk of inChunks(redeemed)) {
    const rows = (await volunteers.query(
      `SELECT v.id AS id, v.points_balance AS balance, COALESCE(SUM(e.points), 0) AS ledger FROM volunteer v LEFT JOIN points_entry e ON e.volunteer_id = v.id
       WHERE v.id IN (${chunk.map(() => '?').join(', ')}) GROUP BY v.id, v.points_balance`,
      chunk,
    )) as { id: string; balance: number; ledger: number }[];
    for (const row of rows) if (Number(row.balance) !== Number(row.ledger)) drift.push(`${row.id}: balance ${row.balance}, ledger ${row.ledger}`);
  }
  results.push(['the balance of every volunteer who redeemed equals the sum of the ledger', drift]);
  return results;
}
