import { JWTPayload, SignJWT } from 'jose';
import type { AuthConfig } from '../config/service-config';
import { AppError, ErrorCode } from '../errors/errors';
import { ANONYMOUS, Role } from './principal';
import { createVerifier, signToken } from './tokens';

const config: AuthConfig = { secret: 'a-test-secret-of-enough-length', issuer: 'test-issuer', audience: 'test-audience' };
const verify = createVerifier(config);

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs arbitrary claims, for tokens `signToken` would never make. */
function rawToken(
  payload: JWTPayload,
  options: { secret?: string; issuer?: string; audience?: string; exp?: number; sub?: string | null } = {},
): Promise<string> {
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? config.issuer)
    .setAudience(options.audience ?? config.audience)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? nowSeconds() + 3600);
  if (options.sub !== null) jwt.setSubject(options.sub ?? 'user-1');
  return jwt.sign(new TextEncoder().encode(options.secret ?? config.secret));
}

/** Asserts that verifying `authorization` fails with UNAUTHENTICATED (HTTP 401); returns the error. */
async function rejection(authorization: string): Promise<AppError> {
  let thrown: unknown;
  try {
    await verify(authorization);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppError);
  const error = thrown as AppError;
  expect(error.extensions).toMatchObject({ code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } });
  return error;
}

describe('signToken and createVerifier', () => {
  it('round-trip a site manager', async () => {
    const token = await signToken(config, 'manager-7', { role: Role.SITE_MANAGER, sites: ['site-a', 'site-b'] });
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: 'manager-7', role: Role.SITE_MANAGER, siteIds: ['site-a', 'site-b'], volunteerId: null });
  });

  it('round-trip a volunteer', async () => {
    const token = await signToken(config, 'person-3', { role: Role.VOLUNTEER, volunteer_id: 'volunteer-3' });
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: 'person-3', role: Role.VOLUNTEER, siteIds: [], volunteerId: 'volunteer-3' });
  });

  it('accept extra spaces around and after "Bearer"', async () => {
    const token = await signToken(config, 'citizen-1', { role: Role.CITIZEN });
    expect(await verify(`  Bearer   ${token} `)).toMatchObject({ subject: 'citizen-1', role: Role.CITIZEN });
  });

  it('signToken needs an HS256 secret', async () => {
    await expect(signToken({ ...config, secret: undefined }, 'x', { role: Role.ADMIN })).rejects.toThrow(/JWT_SECRET/);
  });
});

describe('createVerifier', () => {
  it('treats a missing or empty header as anonymous', async () => {
    expect(await verify(undefined)).toBe(ANONYMOUS);
    expect(await verify('')).toBe(ANONYMOUS);
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a scheme alone', 'Bearer'],
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ['a token without scheme', 'eyJhbGciOiJIUzI1NiJ9.e30.sig'],
    ['text after the token', 'Bearer aaa.bbb.ccc extra'],
  ])('refuses a malformed header: %s', async (_, header) => {
    expect((await rejection(header)).message).toMatch(/Bearer <token>/);
  });

  it('refuses a well-formed header with garbage segments', async () => {
    await rejection('Bearer aaa.bbb.ccc');
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signToken({ ...config, secret: 'someone-elses-secret-of-length' }, 'intruder', { role: Role.ADMIN });
    expect((await rejection(`Bearer ${token}`)).message).toBe('The bearer token is not valid');
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await signToken(config, 'citizen-1', { role: Role.CITIZEN })).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'citizen-1', role: 'admin', iss: config.issuer, aud: config.audience })).toString('base64url');
    await rejection(`Bearer ${header}.${forged}.${signature}`);
  });

  it('refuses a token of another issuer or audience', async () => {
    await rejection(`Bearer ${await rawToken({ role: 'admin' }, { issuer: 'other-issuer' })}`);
    await rejection(`Bearer ${await rawToken({ role: 'admin' }, { audience: 'other-audience' })}`);
  });

  it('refuses an expired token, saying so', async () => {
    const token = await rawToken({ role: 'citizen' }, { exp: nowSeconds() - 60 });
    expect((await rejection(`Bearer ${token}`)).message).toBe('The bearer token has expired');
  });

  it('refuses a token without subject', async () => {
    await rejection(`Bearer ${await rawToken({ role: 'citizen' }, { sub: null })}`);
  });

  it.each([
    ['an unknown role', { role: 'superuser' }],
    ['no role', {}],
    ['a "sites" claim that is not a list', { role: 'site_manager', sites: 'site-a' }],
    ['a "sites" claim with non-string ids', { role: 'site_manager', sites: [1, 2] }],
    ['a "volunteer_id" claim that is not a string', { role: 'volunteer', volunteer_id: 42 }],
  ])('refuses a token with %s', async (_, claims) => {
    await rejection(`Bearer ${await rawToken(claims)}`);
  });

  it('with a JWKS URL, refuses a token signed with a shared secret', async () => {
    const jwksVerify = createVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json', issuer: config.issuer, audience: config.audience });
    const token = await signToken(config, 'intruder', { role: Role.ADMIN });
    await expect(jwksVerify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: ErrorCode.UNAUTHENTICATED } });
  });
});

describe('token details', () => {
  it('reads a numeric expiry as seconds from now', async () => {
    const token = await signToken(config, 'user-1', { role: Role.ADMIN }, 3600);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(payload.exp).toBeGreaterThan(nowSeconds() + 3500);
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ role: Role.ADMIN });
  });

  it('accepts the scheme name in any case (RFC 7235)', async () => {
    const token = await signToken(config, 'user-1', { role: Role.CITIZEN });
    await expect(verify(`bearer ${token}`)).resolves.toMatchObject({ role: Role.CITIZEN });
  });
});
