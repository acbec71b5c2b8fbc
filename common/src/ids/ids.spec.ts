import { isUuid, uuidv7 } from './ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const filled = (byte: number) => () => Buffer.alloc(16, byte);

describe('uuidv7', () => {
  it('is a lowercase UUID with version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_V7);
      expect(isUuid(id)).toBe(true);
    }
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    expect(uuidv7(0, filled(0xff))).toBe('00000000-0000-7fff-bfff-ffffffffffff');
    expect(uuidv7(0, filled(0x00))).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('starts with the 48-bit big-endian millisecond timestamp', () => {
    const time = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    const id = uuidv7(time, filled(0));
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(time);
    expect(uuidv7(0xffffffffffff, filled(0)).slice(0, 13)).toBe('ffffffff-ffff');
  });

  it('sorts as text in the order of creation time, even when later random bytes are smaller', () => {
    const start = Date.UTC(2024, 5, 1);
    const times = [start, start + 1, start + 255, start + 256, start + 60_000, start + 86_400_000 * 365 * 10];
    const ids = times.map((time, i) => uuidv7(time, filled(i % 2 ? 0x00 : 0xff)));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is repeatable with a fixed random source', () => {
    let counter = 0;
    const seeded = () => Buffer.from(Array.from({ length: 16 }, (_, i) => (i * 37 + counter) & 0xff));
    const time = Date.UTC(2025, 6, 1);
    const first = uuidv7(time, seeded);
    expect(uuidv7(time, seeded)).toBe(first);
    counter = 1;
    expect(uuidv7(time, seeded)).not.toBe(first);
  });

  it('differs between calls with the default random source', () => {
    const time = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(time)));
    expect(ids.size).toBe(1000);
  });
});

describe('isUuid', () => {
  it.each([
    ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', true],
    ['0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B', false],
    ['0190a1b2c3d47e5f8a9b0c1d2e3f4a5b', false],
    ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5', false],
    ['not-a-uuid', false],
  ])('%p → %p', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
