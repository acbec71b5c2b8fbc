import { DEVELOPMENT_PERSONAL_DATA_KEY, PersonalDataCipher, maskIdNumber, maskPhone, personalDataProblems } from './personal-data';

const cipher = new PersonalDataCipher(DEVELOPMENT_PERSONAL_DATA_KEY);
const ID = '32058119900307123X';

describe('PersonalDataCipher', () => {
  it('opens what it sealed, and never seals the same value to the same text', () => {
    const a = cipher.seal(ID);
    const b = cipher.seal(ID);
    expect(a).not.toContain(ID);
    expect(a).not.toBe(b);
    expect(cipher.open(a)).toBe(ID);
    expect(cipher.open(b)).toBe(ID);
  });

  it('refuses a sealed value that was tampered with', () => {
    const sealed = cipher.seal(ID);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(() => cipher.open(`v1.${bytes.toString('base64url')}`)).toThrow();
  });

  it('cannot open with another key', () => {
    const other = new PersonalDataCipher(Buffer.alloc(32, 9).toString('base64'));
    expect(() => other.open(cipher.seal(ID))).toThrow();
  });

  it('gives a stable blind index that depends on the key', () => {
    expect(cipher.blindIndex(ID)).toBe(cipher.blindIndex(ID));
    expect(cipher.blindIndex(ID)).toMatch(/^[0-9a-f]{64}$/);
    expect(new PersonalDataCipher(Buffer.alloc(32, 9).toString('base64')).blindIndex(ID)).not.toBe(cipher.blindIndex(ID));
  });

  it('needs a 32-byte key', () => {
    expect(() => new PersonalDataCipher(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('masks', () => {
  it('keep the first three and last four characters', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskIdNumber(ID)).toBe('320***********123X');
  });
});

describe('PERSONAL_DATA_KEY in production', () => {
  it('is required and may not be the development key', () => {
    expect(personalDataProblems({ NODE_ENV: 'production' })).toHaveLength(1);
    expect(personalDataProblems({ NODE_ENV: 'production', PERSONAL_DATA_KEY: DEVELOPMENT_PERSONAL_DATA_KEY })).toHaveLength(1);
    expect(personalDataProblems({ NODE_ENV: 'production', PERSONAL_DATA_KEY: Buffer.alloc(32, 1).toString('base64') })).toEqual([]);
    expect(personalDataProblems({ NODE_ENV: 'development' })).toEqual([]);
  });
});
