import { TicketChannel, TicketKind } from './ticket.enums';
import { DEFAULT_SLA, parseSla } from './sla';

const HOUR = 3_600_000;

describe('parseSla', () => {
  it('picks the most specific rule: channel and kind, then channel, then kind, then the default', () => {
    const sla = parseSla(
      '*:dispatch=24h,complete=7d;WISH:dispatch=3d,complete=30d;HOTLINE_12345:dispatch=2h,complete=3d;HOTLINE_12345/ORDER:dispatch=1h,complete=2d',
    );
    expect(sla.deadlinesOf(TicketChannel.ONLINE, TicketKind.REQUEST)).toEqual({ dispatchMs: 24 * HOUR, completeMs: 7 * 24 * HOUR });
    expect(sla.deadlinesOf(TicketChannel.ONLINE, TicketKind.WISH)).toEqual({ dispatchMs: 72 * HOUR, completeMs: 30 * 24 * HOUR });
    expect(sla.deadlinesOf(TicketChannel.HOTLINE_12345, TicketKind.WISH)).toEqual({ dispatchMs: 2 * HOUR, completeMs: 3 * 24 * HOUR });
    expect(sla.deadlinesOf(TicketChannel.HOTLINE_12345, TicketKind.ORDER)).toEqual({ dispatchMs: HOUR, completeMs: 2 * 24 * HOUR });
  });

  it('parses the default', () => {
    expect(parseSla(DEFAULT_SLA).deadlinesOf(TicketChannel.GRID_WORKER, TicketKind.REQUEST).dispatchMs).toBe(4 * HOUR);
  });

  it.each([
    ['', 'needs a default'],
    ['ONLINE:dispatch=1h,complete=2h', 'needs a default'],
    ['*:dispatch=1h', 'needs dispatch= and complete='],
    ['*:dispatch=0h,complete=2h', 'is not a duration'],
    ['*:dispatch=1w,complete=2h', 'is not a duration'],
    ['*:dispatch=3h,complete=2h', 'must not be shorter'],
    ['FAX:dispatch=1h,complete=2h;*:dispatch=1h,complete=2h', 'is not *, a channel'],
    ['WISH/ONLINE:dispatch=1h,complete=2h;*:dispatch=1h,complete=2h', 'is not *, a channel'],
  ])('refuses %j', (raw, message) => {
    expect(() => parseSla(raw)).toThrow(message);
  });
});
