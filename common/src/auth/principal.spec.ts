import { ErrorCode } from '../errors/errors';
import { ANONYMOUS, Principal, Role, requireSignedIn } from './principal';

describe('requireSignedIn', () => {
  it('refuses an anonymous caller with UNAUTHENTICATED (HTTP 401)', () => {
    expect(() => requireSignedIn(ANONYMOUS)).toThrow(expect.objectContaining({ extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } }));
  });

  it('lets a signed-in caller through, whatever the role', () => {
    const citizen: Principal = { subject: 'citizen-1', role: Role.CITIZEN, siteIds: [], volunteerId: null };
    expect(() => requireSignedIn(citizen)).not.toThrow();
  });
});
