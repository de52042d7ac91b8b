import type { AdminControl } from '../admin/admin-control.js';
import type { Operators } from '../operators/operators.js';
import type { Sockets, Realtime } from './realtime.js';
import type { Foundation } from './foundation.js';
import type { Stores } from './stores.js';

/** What operators can see and do, on the running server's stores, lobby and connections. */
export function buildAdminControl({ matchmaker, directory }: Stores, { connections }: Sockets, { lobby }: Realtime): AdminControl {
  return {
    async stats() {
      const counts = await matchmaker.counts();
      return { online: await connections.online(), waiting: counts.total, waitingByMode: counts.byMode, rooms: await directory.count() };
    },
    async listRooms(limit = 100) {
      return directory.list(limit);
    },
    async endRoom(roomId) {
      return (await lobby.endRoom(roomId, 'ended')) !== undefined;
    },
    // A ban also ends the rooms the banned client holds while its transport is down.
    async disconnectClients(match) {
      const disconnected = await connections.disconnectClients(match);
      await lobby.endRoomsOfClient(match);
      return disconnected;
    },
  };
}

/** Connect the operators' side (admin service, `/admin` namespace, gauges) to the running server. */
export function attachOperators(
  operators: Operators,
  admin: AdminControl,
  { io, connections }: Sockets,
  { cluster }: Foundation,
  draining: () => boolean,
): void {
  operators.attach({ io, admin, localConnections: () => connections.local, draining, processId: cluster?.processId });
}
