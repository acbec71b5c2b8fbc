import type { LogLevel } from '../config/service-config';
import { createLogger } from './logger';

/** A logger whose lines are kept, parsed, in `entries`. */
function recording(level: LogLevel, bindings?: Record<string, unknown>) {
  const lines: string[] = [];
  const log = createLogger(level, bindings, (line) => lines.push(line));
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, entries };
}

describe('createLogger', () => {
  afterEach(() => jest.useRealTimers());

  it('writes one JSON object per line with time, level, message, bindings and fields', () => {
    jest.useFakeTimers({ now: new Date('2025-03-04T05:06:07.089Z') });
    const { log, lines, entries } = recording('debug', { service: 'sites' });
    log.info('request done', { status: 200, path: '/graphql' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(entries()).toEqual([{ time: '2025-03-04T05:06:07.089Z', level: 'info', msg: 'request done', service: 'sites', status: 200, path: '/graphql' }]);
  });

  it('writes each level under its name', () => {
    const { log, entries } = recording('debug');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(entries().map((entry) => [entry.level, entry.msg])).toEqual([
      ['debug', 'd'],
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'e'],
    ]);
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ] as const)('at level %s writes only %p', (level, written) => {
    const { log, entries } = recording(level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(entries().map((entry) => entry.level)).toEqual(written);
  });

  it('child loggers add their bindings to those of the parent, which keeps its own', () => {
    const { log, entries } = recording('info', { service: 'sites' });
    const request = log.child({ requestId: 'r-1' });
    const operation = request.child({ operation: 'Sites', requestId: 'r-1b' });
    request.info('from request');
    operation.info('from operation');
    log.info('from root');
    expect(entries()).toEqual([
      expect.objectContaining({ msg: 'from request', service: 'sites', requestId: 'r-1' }),
      expect.objectContaining({ msg: 'from operation', service: 'sites', requestId: 'r-1b', operation: 'Sites' }),
      expect.objectContaining({ msg: 'from root', service: 'sites' }),
    ]);
    expect(entries()[2]).not.toHaveProperty('requestId');
  });

  it('child loggers keep the level of the parent', () => {
    const { log, entries } = recording('warn');
    log.child({ requestId: 'r-1' }).info('dropped');
    expect(entries()).toEqual([]);
  });

  it('serializes errors with name, message and stack', () => {
    const { log, entries } = recording('info');
    const error = new TypeError('site.parent is undefined');
    log.error('unexpected error', { error });
    expect(entries()[0].error).toEqual({ name: 'TypeError', message: 'site.parent is undefined', stack: error.stack });
  });

  it('writes lines to stdout by default', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      createLogger('info').warn('to stdout');
      expect(write).toHaveBeenCalledTimes(1);
      const [line] = write.mock.calls[0] as [string];
      expect(line.endsWith('\n')).toBe(true);
      expect(JSON.parse(line)).toMatchObject({ level: 'warn', msg: 'to stdout' });
    } finally {
      write.mockRestore();
    }
  });
});

describe('createLogger safety', () => {
  it('keeps time, level and msg whatever the fields say', () => {
    const { log, entries } = recording('debug');
    log.error('real', { level: 'debug', msg: 'spoofed', time: 'never' });
    expect(entries()[0]).toMatchObject({ level: 'error', msg: 'real' });
    expect(entries()[0].time).not.toBe('never');
  });

  it('never throws on BigInts or circular objects', () => {
    const { log, entries } = recording('info');
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(() => log.info('odd', { big: 10n ** 20n, loop })).not.toThrow();
    expect(entries()[0]).toMatchObject({ big: '100000000000000000000', loop: { name: 'loop', self: '[circular]' } });
  });
});
