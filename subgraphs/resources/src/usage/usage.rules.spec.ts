import { capacityLeft, hasRoom } from './usage.rules';

describe('capacityLeft', () => {
  it('is null without capacity or quota, and room is then unlimited', () => {
    expect(capacityLeft(null, 120)).toBeNull();
    expect(hasRoom(capacityLeft(null, 120))).toBe(true);
  });

  it('is the capacity less the orders, never below 0', () => {
    expect(capacityLeft(10, 3)).toBe(7);
    expect(capacityLeft(10, 10)).toBe(0);
    expect(capacityLeft(10, 14)).toBe(0);
    expect(hasRoom(0)).toBe(false);
  });

  it('is bounded by the menu quota when the resource is on a menu', () => {
    expect(capacityLeft(40, 3, 5)).toBe(2);
    expect(capacityLeft(null, 3, 5)).toBe(2);
    expect(capacityLeft(4, 1, 5)).toBe(3);
    expect(capacityLeft(40, 5, 5)).toBe(0);
  });
});
