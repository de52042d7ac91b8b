import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { PacketLog } from '../src/realtime/packet-log.js';
import { PACKETS_PER_ROOM, scopedRecoveryAdapter, type ScopedRecoveryAdapter } from '../src/realtime/recovery-adapter.js';
import { next, settle } from '@novu-chat/test-support/clients';

describe('PacketLog', () => {
  const packet = (seq: number, emittedAt = seq) => ({ seq, emittedAt, except: undefined, data: [`e${seq}`] });

  it('returns the packets after an offset, oldest first', () => {
    const log = new PacketLog(10);
    for (let seq = 1; seq <= 5; seq++) log.append(packet(seq));
    assert.deepEqual(log.after(2)?.map((p) => p.seq), [3, 4, 5]);
    assert.deepEqual(log.after(5), []);
    assert.deepEqual(log.after(0)?.map((p) => p.seq), [1, 2, 3, 4, 5]);
  });

  it('drops the oldest over its bound and refuses offsets that would miss them', () => {
    const log = new PacketLog(3);
    for (let seq = 1; seq <= 5; seq++) log.append(packet(seq));
    assert.equal(log.size, 3);
    assert.equal(log.after(1), null); // 2 was dropped: the missed packets would be incomplete
    assert.deepEqual(log.after(2)?.map((p) => p.seq), [3, 4, 5]);
  });

  it('trims by age, and still answers clients that had received what was trimmed', () => {
    const log = new PacketLog(10);
    for (let seq = 1; seq <= 4; seq++) log.append(packet(seq, seq * 100));
    log.trim(250);
    assert.equal(log.size, 2);
    assert.equal(log.after(1), null);
    assert.deepEqual(log.after(2)?.map((p) => p.seq), [3, 4]);
    log.trim(1_000);
    assert.equal(log.size, 0);
    assert.deepEqual(log.after(4), []);
  });
});

describe('ScopedRecoveryAdapter (a real Socket.IO server and clients)', async () => {
  const http = createServer();
  const ioServer = new Server(http, {
    connectionStateRecovery: { maxDisconnectionDuration: 2_000, skipMiddlewares: true },
    adapter: scopedRecoveryAdapter({ transientEvents: new Set(['stats']) }),
  });
  const adapter = ioServer.of('/').adapter as unknown as ScopedRecoveryAdapter;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: Socket[] = [];
  after(async () => {
    for (const client of clients) client.close();
    await new Promise<void>((resolve) => void ioServer.close(() => resolve()));
  });

  /** A client that reconnects by itself, and its server-side socket. */
  async function client(): Promise<{ client: Socket; socket: ServerSocket }> {
    const serverSide = new Promise<ServerSocket>((resolve) => ioServer.once('connection', resolve));
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 200, randomizationFactor: 0 });
    clients.push(socket);
    await next(socket, 'connect');
    return { client: socket, socket: await serverSide };
  }

  /** Drop the client's transport and wait until it is connected again; whether it recovered. */
  async function dropAndReconnect(pair: { client: Socket; socket: ServerSocket }, whileAway: () => void): Promise<boolean> {
    const back = new Promise<boolean>((resolve) => pair.client.once('connect', () => resolve(pair.client.recovered)));
    const gone = new Promise((resolve) => pair.socket.once('disconnect', resolve));
    pair.client.io.engine.close();
    await gone; // the server knows; the client comes back after its reconnection delay (200 ms)
    whileAway();
    return back;
  }

  it('replays what a dropped client missed, in order, from its own room and its chat room, without what it was excluded from', async () => {
    const a = await client();
    const b = await client();
    await a.socket.join('room:1');
    await b.socket.join('room:1');
    ioServer.to('room:1').emit('msg', 'before'); // received: not replayed
    await next(a.client, 'msg');
    const got: unknown[] = [];
    a.client.on('msg', (text: unknown) => got.push(text));
    const recovered = await dropAndReconnect(a, () => {
      ioServer.to(a.socket.id).emit('msg', 'direct 1');
      ioServer.to('room:1').except(a.socket.id).emit('msg', 'not for a');
      ioServer.to('room:1').emit('msg', 'chat 1');
      ioServer.to(a.socket.id).emit('msg', 'direct 2');
    });
    assert.equal(recovered, true);
    await settle(100);
    assert.deepEqual(got, ['direct 1', 'chat 1', 'direct 2']);
  });

  it('frees a room\'s packets as soon as its last member leaves', async () => {
    const a = await client();
    const b = await client();
    await a.socket.join('room:2');
    await b.socket.join('room:2');
    const before = adapter.keptPackets;
    for (let i = 0; i < 5; i++) ioServer.to('room:2').emit('msg', `relay ${i}`);
    assert.equal(adapter.keptPackets, before + 5);
    ioServer.in('room:2').socketsLeave('room:2');
    assert.equal(adapter.keptPackets, before);
  });

  it('never keeps transient events (they carry no offset) nor packets for rooms nobody is in', async () => {
    const a = await client();
    const before = adapter.keptPackets;
    const rooms = adapter.loggedRooms;
    const stats = new Promise<unknown[]>((resolve) => a.client.once('stats', (...args: unknown[]) => resolve(args)));
    a.socket.emit('stats', { online: 1 });
    assert.deepEqual(await stats, [{ online: 1 }]);
    ioServer.to('room:nobody').emit('msg', 'lost');
    assert.equal(adapter.keptPackets, before);
    assert.equal(adapter.loggedRooms, rooms);
  });

  it('refuses to recover (a fresh session) when a missed packet was dropped or the offset is not one it gave', async () => {
    const a = await client();
    await a.socket.join('room:3');
    ioServer.to(a.socket.id).emit('msg', 'hello');
    await next(a.client, 'msg');
    const flooded = await dropAndReconnect(a, () => {
      for (let i = 0; i <= PACKETS_PER_ROOM; i++) ioServer.to(a.socket.id).emit('msg', `flood ${i}`);
    });
    assert.equal(flooded, false);

    const forged = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { pid: 'nope', offset: 'zz' } });
    clients.push(forged);
    await next(forged, 'connect');
    assert.equal(forged.recovered, false);
  });
});
