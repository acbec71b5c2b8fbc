import { decodeJwt } from 'jose';
import { SUBGRAPH_AUDIENCE, signInternalToken, verifyInternalToken } from './internal';
import { Role } from './principal';
import {
  SERVICE_AUTHORIZATION_HEADER,
  ServiceCredential,
  ambientServiceCredential,
  authenticateSubgraphCaller,
  withServiceCredential,
} from './service-credential';
import { createVerifier, signToken } from './tokens';

const SECRET = 'an-internal-secret-for-the-specs';
const AUTH = { secret: 'a-client-secret-for-the-specs', issuer: 'civilization-practice', audience: 'civilization-practice-api' };
const verify = createVerifier(AUTH);
const tokenOf = (header: string) => header.replace(/^Bearer /, '');

describe('ServiceCredential', () => {
  afterEach(() => jest.useRealTimers());

  it('mints a subgraph credential once and again shortly before it expires', async () => {
    jest.useFakeTimers({ now: new Date('2026-10-01T08:00:00Z') });
    const credential = new ServiceCredential(SECRET, 'gateway');
    const [first, concurrent] = await Promise.all([credential.header(), credential.header()]);
    expect(concurrent).toBe(first);
    await expect(verifyInternalToken(SECRET, first, SUBGRAPH_AUDIENCE)).resolves.toEqual({ service: 'gateway' });
    const { exp, iat } = decodeJwt(tokenOf(first));
    expect(exp! - iat!).toBe(300);

    jest.setSystemTime(new Date('2026-10-01T08:03:59Z'));
    expect(await credential.header()).toBe(first);
    jest.setSystemTime(new Date('2026-10-01T08:04:01Z'));
    const refreshed = await credential.header();
    expect(refreshed).not.toBe(first);
    expect(decodeJwt(tokenOf(refreshed)).exp).toBeGreaterThan(exp!);
  });

  it('is not an events token, nor the other way round', async () => {
    const header = await new ServiceCredential(SECRET, 'gateway').header();
    await expect(verifyInternalToken(SECRET, header)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const events = await signInternalToken(SECRET, 'tickets');
    await expect(verifyInternalToken(SECRET, `Bearer ${events}`, SUBGRAPH_AUDIENCE)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('is the ambient credential of the work run with it', async () => {
    const credential = new ServiceCredential(SECRET, 'volunteers');
    expect(ambientServiceCredential()).toBeUndefined();
    await withServiceCredential(credential, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(ambientServiceCredential()).toBe(credential);
    });
    expect(ambientServiceCredential()).toBeUndefined();
  });
});

describe('authenticateSubgraphCaller', () => {
  const authenticate = (headers: Record<string, string>) => authenticateSubgraphCaller(verify, SECRET, headers);
  const gateway = () => new ServiceCredential(SECRET, 'gateway').header();
  const client = () => signToken(AUTH, 'analyst-1', { role: Role.ANALYST });

  it('refuses a caller with neither a service credential nor a token', async () => {
    await expect(authenticate({})).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  });

  it('takes a service credential alone as an anonymous caller', async () => {
    await expect(authenticate({ [SERVICE_AUTHORIZATION_HEADER]: await gateway() })).resolves.toEqual({
      principal: expect.objectContaining({ subject: null, role: 'anonymous' }),
      service: { service: 'gateway' },
    });
  });

  it('lets the client token say who calls, with or without a service credential', async () => {
    const authorization = `Bearer ${await client()}`;
    const headerSets: Record<string, string>[] = [{ authorization }, { authorization, [SERVICE_AUTHORIZATION_HEADER]: await gateway() }];
    for (const headers of headerSets) {
      expect((await authenticate(headers)).principal).toMatchObject({ subject: 'analyst-1', role: Role.ANALYST });
    }
  });

  it.each([
    ['signed with another secret', () => new ServiceCredential('another-internal-secret-entirely', 'gateway').header()],
    ['expired', async () => `Bearer ${await signInternalToken(SECRET, 'gateway', -10, SUBGRAPH_AUDIENCE)}`],
    ['an events token', async () => `Bearer ${await signInternalToken(SECRET, 'tickets')}`],
    ['a client token', async () => `Bearer ${await client()}`],
    ['garbage', async () => 'Bearer a.b.c'],
  ])('refuses a service credential %s, also beside a valid client token', async (_, credential) => {
    const header = await credential();
    await expect(authenticate({ [SERVICE_AUTHORIZATION_HEADER]: header })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(authenticate({ [SERVICE_AUTHORIZATION_HEADER]: header, authorization: `Bearer ${await client()}` })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
