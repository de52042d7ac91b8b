// The Peer module on its own: two real RTCPeerConnections in this page, signals delivered by hand
// so their order can be controlled (the server relays them in order; the network may not).
import type { SignalReceivePayload } from '@novu-chat/protocol';
import { Peer, type OutgoingSignal, type PeerTimings } from '../../dist/peer.js';
import { assert, equal, until } from './helpers.js';

const timings: PeerTimings = { disconnectedMs: 3_000, connectMs: 15_000, maxRestarts: 2 };

/** Turn a signal a Peer sends into what the server would deliver to the other side. */
function relayed(signal: OutgoingSignal): SignalReceivePayload {
  if (signal.type === 'ice') return { type: 'ice-candidate', payload: { candidate: signal.candidate } };
  return { type: signal.type, payload: { sdp: signal.sdp } };
}

describe('Peer', () => {
  const peers: Peer[] = [];
  const streams: MediaStream[] = [];
  afterEach(() => {
    for (const peer of peers.splice(0)) peer.close();
    for (const stream of streams.splice(0)) stream.getTracks().forEach((t) => t.stop());
  });

  async function media(): Promise<MediaStream> {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    streams.push(stream);
    return stream;
  }

  it('queues ICE candidates that arrive before the remote description', async () => {
    const toB: SignalReceivePayload[] = [];
    const a = new Peer({
      config: { iceServers: [] },
      initiator: true,
      stream: await media(),
      timings,
      send: (signal) => toB.push(relayed(signal)),
      remoteStream: () => {},
      failed: () => {},
    });
    const b: Peer = new Peer({
      config: { iceServers: [] },
      initiator: false,
      stream: await media(),
      timings,
      send: (signal) => a.receive(relayed(signal)),
      remoteStream: () => {},
      failed: () => {},
    });
    peers.push(a, b);
    // Hold a's offer until its host candidates are gathered, then deliver the candidates first.
    await until(() => a.pc.iceGatheringState === 'complete', 10_000, 'a to gather candidates');
    const offer = toB.find((s) => s.type === 'offer');
    assert(offer, 'a offered');
    const candidates = toB.filter((s) => s.type === 'ice-candidate');
    assert(candidates.some((s) => s.type === 'ice-candidate' && s.payload.candidate), 'a gathered candidates');
    for (const signal of candidates) b.receive(signal);
    b.receive(offer);
    await until(() => a.pc.connectionState === 'connected' && b.pc.connectionState === 'connected', 15_000, 'connected');
    // b knows a's real host candidates (not only peer-reflexive ones learnt from checks): the queue kept them.
    const remoteTypes: string[] = [];
    (await b.pc.getStats()).forEach((s: { type: string; candidateType?: string }) => {
      if (s.type === 'remote-candidate' && s.candidateType) remoteTypes.push(s.candidateType);
    });
    assert(remoteTypes.includes('host'), `b used a's queued host candidates (${remoteTypes})`);
    equal(b.remoteStream.getTracks().length, 2, 'b receives audio and video');
  });

  it('close() can be called twice and closes the connection', async () => {
    const a = new Peer({
      config: { iceServers: [] },
      initiator: true,
      stream: await media(),
      timings,
      send: () => {},
      remoteStream: () => {},
      failed: () => {},
    });
    a.close();
    a.close();
    equal(a.pc.signalingState, 'closed', 'closed');
  });
});
