import { AppError } from '@shared/errors';
import { DevLoginRequest, SessionResponse } from '@shared/api/auth';
import { route } from '../route';
import { pseudonym } from '../../domain/sessions';
import { issue } from './auth';

/**
 * The local development login, in a module of its own so that no Lambda function imports it:
 * route-groups.ts puts it in the `local` group (served by no function, absent from template.yaml),
 * and the deployed bundles are tested not to contain it. Even on a local server it answers only
 * with AUTH_DEV_LOGIN=1 (config/deps.ts).
 */
export const devLoginRoutes = [
  route({
    method: 'post',
    path: '/auth/dev',
    summary: 'Local development login: any name, any role. Local server only, and only with AUTH_DEV_LOGIN=1; no deployed function has this route.',
    tag: 'auth',
    auth: 'public',
    disclosure: 'citizen-own',
    body: DevLoginRequest,
    responses: { 200: { description: 'Session', schema: SessionResponse } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ deps, body }) => {
      if (!deps.config.devLogin) throw new AppError('FORBIDDEN', { reason: 'dev login is disabled' });
      const sub = body.role === 'citizen' || body.role === 'panel' ? pseudonym(deps.secrets.pseudonymKey, `dev:${body.name}`) : `dev:${body.name}`;
      if (body.role === 'staff' && !body.unitId) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'unitId', message: 'staff sessions need a unitId' }] });
      return issue(deps, { sub, role: body.role, ...(body.unitId ? { unitId: body.unitId } : {}) });
    },
  }),
];
