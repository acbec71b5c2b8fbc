import { Gender } from './volunteer.enums';
import { checkCharacter, readIdNumber } from './id-number';

const TODAY = '2026-11-24';
const valid = (first17: string) => `${first17}${checkCharacter(first17)}`;

describe('readIdNumber', () => {
  it('reads the birth date and gender of a valid number', () => {
    expect(readIdNumber(valid('32058119850312101'), TODAY)).toEqual({ birthDate: '1985-03-12', birthYear: 1985, gender: Gender.MALE });
    expect(readIdNumber(valid('32058120010229102'), TODAY)).toEqual({ problem: 'holds no valid birth date' });
    expect(readIdNumber(valid('32058120000229102'), TODAY)).toEqual({ birthDate: '2000-02-29', birthYear: 2000, gender: Gender.FEMALE });
  });

  it('accepts X as check character', () => {
    const first17 = '11010519491231002';
    expect(checkCharacter(first17)).toBe('X');
    expect(readIdNumber(`${first17}X`, TODAY)).toMatchObject({ birthYear: 1949, gender: Gender.FEMALE });
  });

  it.each([
    ['a wrong check character', '320581198503121019', 'has a wrong check character'],
    ['a lower-case x', '11010519491231002x', 'must be 18 characters: 17 digits and a digit or X'],
    ['15 digits (the old format)', '320581850312101', 'must be 18 characters: 17 digits and a digit or X'],
    ['a month 13', valid('32058119851312101'), 'holds no valid birth date'],
    ['a birth in the future', valid('32058120270101101'), 'holds no valid birth date'],
    ['a birth before 1900', valid('32058118991231101'), 'holds no valid birth date'],
  ])('refuses %s', (_, idNumber, problem) => {
    expect(readIdNumber(idNumber, TODAY)).toEqual({ problem });
  });
});
