import Router from '@koa/router';
import type { Context } from 'koa';
import { bearerMatches } from '../http/admin-auth.js';
import type { SignInThrottle } from '../http/sign-in-throttle.js';
import { AdminError, type AdminService } from './admin-service.js';

/** Failed sign-ins are throttled here; `networkOf` names a request's client network (TRUST_PROXY-aware). */
export interface AdminApiGuard {
  throttle: SignInThrottle;
  networkOf: (remoteAddress: string | undefined, forwardedFor: string | string[] | undefined) => string;
}

/** Largest JSON body the admin API reads. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The admin JSON API under `/api/admin` (bearer `ADMIN_TOKEN`): stats, snapshot, processes,
 * rooms (list, end) and bans (list, add, lift). Errors answer `{ error: { code, message } }`.
 */
export function createAdminApi(service: AdminService, adminToken: string, guard?: AdminApiGuard): Router {
  const router = new Router({ prefix: '/api/admin' });

  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    const network = guard?.networkOf(ctx.req.socket.remoteAddress, ctx.req.headers['x-forwarded-for']) ?? '';
    const gate = guard ? await guard.throttle.gate(network) : { allowed: true as const };
    if (!gate.allowed) {
      ctx.set('Retry-After', String(Math.ceil(gate.retryAfterMs / 1000)));
      return fail(ctx, 429, 'rate_limited', 'Too many failed sign-ins from this address; try again later.');
    }
    if (!bearerMatches(ctx.get('Authorization'), adminToken)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      // Only a presented credential is a sign-in attempt: a request without one guesses nothing.
      const attempted = ctx.get('Authorization') !== '';
      if (guard && attempted && (await guard.throttle.failed(network, ctx.req.socket, 'api')).closeConnection) ctx.set('Connection', 'close');
      return fail(ctx, 401, 'unauthorized', 'A valid admin bearer token is required.');
    }
    try {
      await next();
    } catch (error) {
      if (error instanceof AdminError) return fail(ctx, error.code === 'not_found' ? 404 : 400, error.code, error.message);
      if (error instanceof BodyError) return fail(ctx, error.status, 'invalid_request', error.message);
      throw error;
    }
  });

  router.get('/stats', async (ctx) => {
    ctx.body = await service.stats();
  });
  router.get('/snapshot', async (ctx) => {
    ctx.body = await service.snapshot();
  });
  router.get('/processes', async (ctx) => {
    ctx.body = { processes: await service.processes() };
  });
  router.get('/rooms', async (ctx) => {
    const raw = ctx.query.limit;
    const limit = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : 100;
    ctx.body = { rooms: await service.rooms(limit) };
  });
  router.delete('/rooms/:id', async (ctx) => {
    await service.endRoom(ctx.params.id);
    ctx.status = 204;
  });
  router.get('/bans', async (ctx) => {
    ctx.body = { bans: await service.bans() };
  });
  router.post('/bans', async (ctx) => {
    const result = await service.ban(await readJson(ctx));
    ctx.status = 201;
    ctx.body = result;
  });
  router.delete('/bans/:id', async (ctx) => {
    await service.lift(ctx.params.id);
    ctx.status = 204;
  });
  router.all('/{*rest}', (ctx) => fail(ctx, 404, 'not_found', 'No such admin endpoint.'));
  return router;
}

function fail(ctx: Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { error: { code, message } };
}

class BodyError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Read a small JSON body. */
async function readJson(ctx: Context): Promise<unknown> {
  if (!ctx.is('application/json')) throw new BodyError(415, 'Send a JSON body (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'The body is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'The body is not valid JSON.');
  }
}
