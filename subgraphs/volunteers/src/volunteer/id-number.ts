import { Gender } from './volunteer.enums';

/** A mainland resident identity card number (GB 11643-1999): 17 digits and a check character. */
export const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface ResidentIdentity {
  birthDate: string;
  birthYear: number;
  gender: Gender;
}

export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index], 0);
  return CHECK[sum % 11];
}

/** What an ID number says of its holder, or why it is not a valid one. */
export function readIdNumber(idNumber: string, today: string): ResidentIdentity | { problem: string } {
  if (!ID_NUMBER_PATTERN.test(idNumber)) return { problem: 'must be 18 characters: 17 digits and a digit or X' };
  if (checkCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return { problem: 'has a wrong check character' };
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const parsed = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== birthDate || birthDate < '1900-01-01' || birthDate > today) {
    return { problem: 'holds no valid birth date' };
  }
  return { birthDate, birthYear: Number(idNumber.slice(6, 10)), gender: Number(idNumber[16]) % 2 === 1 ? Gender.MALE : Gender.FEMALE };
}
