import { JWTPayload, SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import type { AuthConfig } from '../config/service-config';
import { unauthenticated } from '../errors/errors';
import { ANONYMOUS, Principal, ROLES, Role } from './principal';

const ALGORITHMS_HS = ['HS256'];
const ALGORITHMS_JWKS = ['RS256', 'ES256', 'PS256', 'EdDSA'];

/** Claims this product reads besides the registered ones. */
export interface PracticeClaims {
  role: Role;
  sites?: string[];
  volunteer_id?: string;
}

export type Verifier = (authorization: string | undefined) => Promise<Principal>;

/**
 * Verifies `Authorization: Bearer <jwt>` against the configured secret or JWKS. No header means
 * anonymous; a header that is present but wrong is an error, never a silent downgrade.
 */
export function createVerifier(config: AuthConfig): Verifier {
  const jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  const secret = config.secret ? new TextEncoder().encode(config.secret) : undefined;
  const options = { issuer: config.issuer, audience: config.audience };

  return async (authorization) => {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      payload = jwks
        ? (await jwtVerify(match[1], jwks, { ...options, algorithms: ALGORITHMS_JWKS })).payload
        : (await jwtVerify(match[1], secret!, { ...options, algorithms: ALGORITHMS_HS })).payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The bearer token has expired');
      throw unauthenticated('The bearer token is not valid');
    }
    return principalFromClaims(payload);
  };
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const role = payload.role;
  if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('The bearer token has no subject');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw unauthenticated(`The bearer token's role must be one of ${ROLES.join(', ')}`);
  }
  const sites = payload.sites ?? [];
  if (!Array.isArray(sites) || !sites.every((id) => typeof id === 'string')) {
    throw unauthenticated('The bearer token\'s "sites" claim must be a list of site ids');
  }
  const volunteerId = payload.volunteer_id;
  if (volunteerId !== undefined && typeof volunteerId !== 'string') {
    throw unauthenticated('The bearer token\'s "volunteer_id" claim must be a string');
  }
  return { subject: payload.sub, role: role as Role, siteIds: Object.freeze([...sites]), volunteerId: volunteerId ?? null };
}

/** Signs an HS256 token: for development, tests and the `npm run token` command only. */
export async function signToken(config: AuthConfig, subject: string, claims: PracticeClaims, expiresIn: string | number = '12h'): Promise<string> {
  if (!config.secret) throw new Error('Tokens can be signed here only with an HS256 secret (JWT_SECRET)');
  return (
    new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt()
      // jose reads a number as an absolute time; here a number means seconds from now.
      .setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn)
      .sign(new TextEncoder().encode(config.secret))
  );
}
