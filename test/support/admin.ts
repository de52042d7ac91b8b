/** Helpers for the operators' side in tests: the admin JSON API and the `/admin` namespace. */
import { io, type Socket } from 'socket.io-client';

/** The admin token tests use. */
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

/** Call the admin API; resolves status and parsed JSON body (undefined for 204). */
export async function adminApi<T = Record<string, unknown>>(
  url: string, path: string, init: { method?: string; body?: unknown; token?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? ADMIN_TOKEN}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}/api/admin${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const open = new Set<Socket>();

/** Open the `/admin` namespace with a token (`null`: none), without reconnection. */
export function adminSocket(url: string, token: string | null = ADMIN_TOKEN): Socket {
  const socket = io(`${url}/admin`, {
    transports: ['websocket'], forceNew: true, reconnection: false, auth: token === null ? {} : { token },
  });
  open.add(socket);
  return socket;
}

/** Resolve once connected, or reject with the connect error. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Wait for a pushed snapshot that satisfies `test`. */
export function snapshotWhere<T>(socket: Socket, test: (snapshot: T) => boolean, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('snapshot', handler);
      reject(new Error('no matching snapshot in time'));
    }, timeoutMs);
    const handler = (snapshot: T) => {
      if (!test(snapshot)) return;
      clearTimeout(timer);
      socket.off('snapshot', handler);
      resolve(snapshot);
    };
    socket.on('snapshot', handler);
  });
}

/** Close every admin socket opened here. */
export function closeAdminSockets(): void {
  for (const socket of open) socket.disconnect();
  open.clear();
}
