/**
 * How relay latency is measured across processes: the sender writes its wall clock into the SDP it
 * sends and the receiver, possibly another load generator process on the same host, subtracts it
 * from its own. The SDP is a typical Chromium one (about 3 KB), so relays carry realistic frames.
 */

/** Wall-clock time in ms with sub-millisecond resolution, comparable across processes on one host. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

const TS_TAG = 'a=x-novu-ts:';
/** The body of a typical Chromium audio+video SDP (about 3 KB), so relays carry realistic frames. */
const SDP_BODY = [
  's=-', 't=0 0', 'a=group:BUNDLE 0 1', 'a=extmap-allow-mixed', 'a=msid-semantic: WMS bench',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126', 'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:Zx9q', 'a=ice-pwd:0hJk3oW9cYt2mQ8dB5nLr7Ve', 'a=ice-options:trickle',
  'a=fingerprint:sha-256 4F:1A:9C:22:7E:0B:6D:55:13:A8:E2:C4:99:3F:07:BD:61:28:F0:5A:C3:8E:47:1D:92:B6:0C:E5:7A:34:D8:2B',
  'a=setup:actpass', 'a=mid:0', 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level', 'a=sendrecv',
  'a=msid:bench 7c1e2b0a-audio', 'a=rtcp-mux', 'a=rtpmap:111 opus/48000/2', 'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1', 'a=rtpmap:63 red/48000/2', 'a=fmtp:63 111/111', 'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:13 CN/8000', 'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000', 'a=ssrc:1379180373 cname:benchcname',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125 39 40 45 46 98 99 100 101',
  'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0', 'a=ice-ufrag:Zx9q', 'a=ice-pwd:0hJk3oW9cYt2mQ8dB5nLr7Ve',
  'a=ice-options:trickle', 'a=setup:actpass', 'a=mid:1', 'a=extmap:14 urn:ietf:params:rtp-hdrext:toffset',
  'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', 'a=extmap:13 urn:3gpp:video-orientation',
  'a=sendrecv', 'a=msid:bench 7c1e2b0a-video', 'a=rtcp-mux', 'a=rtcp-rsize',
  ...[96, 102, 104, 106, 108, 127, 39, 45, 98, 100].flatMap((pt, i) => [
    `a=rtpmap:${pt} ${['VP8', 'H264', 'H264', 'H264', 'H264', 'H264', 'H264', 'AV1', 'VP9', 'VP9'][i]}/90000`,
    `a=rtcp-fb:${pt} goog-remb`, `a=rtcp-fb:${pt} transport-cc`, `a=rtcp-fb:${pt} ccm fir`, `a=rtcp-fb:${pt} nack`,
    `a=rtcp-fb:${pt} nack pli`, `a=rtpmap:${pt + 1} rtx/90000`, `a=fmtp:${pt + 1} apt=${pt}`,
  ]),
  'a=ssrc-group:FID 2231627014 632943048', 'a=ssrc:2231627014 cname:benchcname', 'a=ssrc:632943048 cname:benchcname',
  '',
].join('\r\n');

/** An SDP carrying the time it was sent. */
export function stampedSdp(at: number): string {
  return `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n${TS_TAG}${at}\r\n${SDP_BODY}`;
}

/** The send time written by `stampedSdp`, or NaN. */
export function sdpStamp(sdp: string): number {
  const at = sdp.indexOf(TS_TAG);
  if (at < 0) return Number.NaN;
  const end = sdp.indexOf('\r', at);
  return Number(sdp.slice(at + TS_TAG.length, end));
}
