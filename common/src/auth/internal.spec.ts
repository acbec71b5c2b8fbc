import { signToken } from './tokens';
import { Role } from './principal';
import { signInternalToken, verifyInternalToken } from './internal';

const SECRET = 'an-internal-secret-for-the-specs';

describe('internal service tokens', () => {
  it('carry the calling service', async () => {
    const token = await signInternalToken(SECRET, 'tickets');
    await expect(verifyInternalToken(SECRET, `Bearer ${token}`)).resolves.toEqual({ service: 'tickets' });
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a header without a token', 'Bearer'],
    ['garbage', 'Bearer a.b.c'],
  ])('refuse %s with UNAUTHENTICATED', async (_, header) => {
    await expect(verifyInternalToken(SECRET, header)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuse a token signed with another secret', async () => {
    const token = await signInternalToken('someone-elses-internal-secret', 'tickets');
    await expect(verifyInternalToken(SECRET, `Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuse a client token, even one signed with the same secret', async () => {
    const client = await signToken({ secret: SECRET, issuer: 'civilization-practice', audience: 'civilization-practice-api' }, 'x', { role: Role.ADMIN });
    await expect(verifyInternalToken(SECRET, `Bearer ${client}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuse an expired token', async () => {
    const token = await signInternalToken(SECRET, 'tickets', -10);
    await expect(verifyInternalToken(SECRET, `Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are signed only for service names', async () => {
    await expect(signInternalToken(SECRET, 'Not A Service')).rejects.toThrow(/service name/);
  });
});
