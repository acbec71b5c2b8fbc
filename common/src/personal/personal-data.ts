import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { EnvSpec } from '../config/env';

/**
 * Sensitive personal data (ID numbers) is stored sealed with AES-256-GCM under PERSONAL_DATA_KEY,
 * so a copy of the database alone does not reveal it; a keyed hash (blind index) of the value lets
 * the database enforce uniqueness and find a record by it without decrypting anything.
 */
const VERSION = 'v1';
/** Only for development and tests: production refuses to start with it. */
export const DEVELOPMENT_PERSONAL_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

export class PersonalDataCipher {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKeyBase64: string) {
    const master = Buffer.from(masterKeyBase64, 'base64');
    if (master.length !== 32) throw new Error('The personal data key must be 32 bytes (base64)');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'personal-data/encryption', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'personal-data/blind-index', 32));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  open(sealed: string): string {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || !payload) throw new Error('Not sealed personal data');
    const bytes = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** A stable keyed hash of the value, for unique indexes and lookups. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value, 'utf8').digest('hex');
  }
}

/** 138****1234 */
export const maskPhone = (phone: string): string => (phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** 320***********1234 */
export const maskIdNumber = (idNumber: string): string =>
  idNumber.length > 7 ? `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}` : '****';

/** PERSONAL_DATA_KEY, for the subgraphs that keep personal data. */
export function personalDataEnvSpec(): EnvSpec {
  return {
    PERSONAL_DATA_KEY: {
      description:
        'Base64 of 32 random bytes that seal ID numbers in the database (`openssl rand -base64 32`); development default when unset, required in production',
      default: undefined,
      secret: true,
      parse(raw: string) {
        if (Buffer.from(raw, 'base64').length !== 32) throw new Error('must be the base64 of 32 bytes');
        return raw;
      },
    },
  };
}

export function personalDataProblems(values: Record<string, unknown>): string[] {
  const key = values.PERSONAL_DATA_KEY as string | undefined;
  if (values.NODE_ENV === 'production' && (!key || key === DEVELOPMENT_PERSONAL_DATA_KEY)) {
    return ['PERSONAL_DATA_KEY must be a private key in production (`openssl rand -base64 32`)'];
  }
  return [];
}
