import { SignJWT, jwtVerify } from 'jose';
import { unauthenticated } from '../errors/errors';

/**
 * Tokens that services present to each other (an event delivered by one subgraph to another).
 * They are signed with INTERNAL_SECRET, not the secret of client tokens, and carry their own
 * audience, so a client token is never accepted where a service is expected and the other way round.
 */
export const INTERNAL_ISSUER = 'civilization-practice-services';
/** The audience of the tokens that deliver events to `/internal/events`. */
export const INTERNAL_AUDIENCE = 'civilization-practice-internal';
/**
 * The audience of the credential the gateway and the subgraphs send to a subgraph's `/graphql`. It
 * differs from the events' so that the credential, sent with every query, cannot deliver events.
 */
export const SUBGRAPH_AUDIENCE = 'civilization-practice-subgraphs';
const SERVICE_NAME = /^[a-z][a-z0-9-]{0,31}$/;

export interface InternalCaller {
  /** The calling service, e.g. `tickets`. */
  service: string;
}

export async function signInternalToken(secret: string, service: string, ttlSeconds = 300, audience = INTERNAL_AUDIENCE): Promise<string> {
  if (!SERVICE_NAME.test(service)) throw new Error(`Not a service name: ${service}`);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(service)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

/** Verifies `Authorization: Bearer <internal token>`; anything else is UNAUTHENTICATED. */
export async function verifyInternalToken(secret: string, authorization: string | undefined, audience = INTERNAL_AUDIENCE): Promise<InternalCaller> {
  const match = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/i.exec(authorization?.trim() ?? '');
  if (!match) throw unauthenticated('A service token is required');
  try {
    const { payload } = await jwtVerify(match[1], new TextEncoder().encode(secret), {
      issuer: INTERNAL_ISSUER,
      audience,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string' || !SERVICE_NAME.test(payload.sub)) throw new Error('no service');
    return { service: payload.sub };
  } catch {
    throw unauthenticated('The service token is not valid');
  }
}
