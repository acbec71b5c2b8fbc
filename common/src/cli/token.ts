import { parseArgs } from 'node:util';
import { ROLES, Role } from '../auth/principal';
import { signToken } from '../auth/tokens';
import { commonEnvSpec, commonProblems, serviceConfigFrom } from '../config/service-config';
import { loadEnv } from '../config/env';

const usage = `Prints a development token signed with JWT_SECRET.

  npm run token -- --role <role> [--site <site id>]... [--subject <id>] [--volunteer <id>] [--expires 12h]

  roles: ${ROLES.join(', ')}
  --site       a site the caller manages (site_manager) or administers (agency_admin); repeatable`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      site: { type: 'string', multiple: true },
      subject: { type: 'string' },
      volunteer: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.role) {
    process.stdout.write(`${usage}\n`);
    process.exit(values.help ? 0 : 1);
  }
  if (!(ROLES as readonly string[]).includes(values.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const role = values.role as Role;
  if ((role === Role.SITE_MANAGER || role === Role.AGENCY_ADMIN) && !values.site?.length) {
    throw new Error(`--role ${role} needs at least one --site <site id>`);
  }
  const config = serviceConfigFrom('token', 0, loadEnv(commonEnvSpec(), process.env, [commonProblems]) as Record<string, unknown>);
  const token = await signToken(
    config.auth,
    values.subject ?? `dev-${role}`,
    { role, ...(values.site?.length ? { sites: values.site } : {}), ...(values.volunteer ? { volunteer_id: values.volunteer } : {}) },
    values.expires,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
