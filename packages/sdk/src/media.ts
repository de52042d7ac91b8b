import { NovuError } from './errors.js';

/** A kind of media input device, as `MediaDeviceInfo.kind` names it. */
export type InputDeviceKind = 'audioinput' | 'videoinput';

/** The constraints used when none are given: camera and microphone, defaults of the browser. */
export const DEFAULT_MEDIA: Readonly<MediaStreamConstraints> = Object.freeze({ video: true, audio: true });

/** Map a `getUserMedia` failure to a stable {@link NovuError}. */
export function mediaError(error: unknown): NovuError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  return name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError'
    ? new NovuError('media_denied', `Camera or microphone access was denied: ${message}`, { cause: error })
    : new NovuError('media_unavailable', `No usable camera or microphone: ${message}`, { cause: error });
}

/** Ask the browser for a media stream, failing with `media_denied` / `media_unavailable`. */
export async function getMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.getUserMedia) {
    throw new NovuError('media_unavailable', 'getUserMedia is not available (an insecure origin or an old browser)');
  }
  try {
    return await devices.getUserMedia(constraints);
  } catch (error) {
    throw mediaError(error);
  }
}

/** Stop every track of a stream: releases the devices (the camera light goes off). */
export function stopStream(stream: MediaStream | null): void {
  if (!stream) return;
  for (const track of stream.getTracks()) track.stop();
}

/** Enable or disable (mute, without releasing the device) every track of one kind. */
export function setKindEnabled(stream: MediaStream | null, kind: 'audio' | 'video', enabled: boolean): void {
  for (const track of stream?.getTracks() ?? []) if (track.kind === kind) track.enabled = enabled;
}

/**
 * `base` with device `deviceId` for `kind`, keeping the caller's other constraints for that kind
 * (resolution, echo cancellation…). `exact` fails when the device is gone; otherwise it is a preference.
 */
export function withDevice(
  base: MediaStreamConstraints,
  kind: InputDeviceKind,
  deviceId: string,
  exact: boolean,
): MediaStreamConstraints {
  const key = kind === 'videoinput' ? 'video' : 'audio';
  const own = base[key];
  if (own === false || own === undefined) return base;
  const deviceIdConstraint = exact ? { exact: deviceId } : { ideal: deviceId };
  return { ...base, [key]: { ...(typeof own === 'object' ? own : {}), deviceId: deviceIdConstraint } };
}

/**
 * Swap the track of one kind in `stream` for a freshly opened device. The new track is returned
 * so the caller can hand it to its RTP sender; the old one is stopped only after `swap` has run,
 * so the partner never sees a gap longer than the switch itself.
 */
export async function switchDevice(
  stream: MediaStream,
  base: MediaStreamConstraints,
  kind: InputDeviceKind,
  deviceId: string,
  swap: (next: MediaStreamTrack, previous: MediaStreamTrack | undefined) => Promise<void>,
): Promise<MediaStreamTrack> {
  const key = kind === 'videoinput' ? 'video' : 'audio';
  const fresh = await getMedia({ [key]: withDevice(base, kind, deviceId, true)[key] ?? true });
  const next = fresh.getTracks()[0];
  if (!next) throw new NovuError('media_unavailable', `Device ${deviceId} gave no track`);
  const trackKind = next.kind;
  const previous = stream.getTracks().find((t) => t.kind === trackKind);
  if (previous) next.enabled = previous.enabled;
  try {
    await swap(next, previous);
  } catch (error) {
    next.stop();
    throw error;
  }
  if (previous) {
    stream.removeTrack(previous);
    previous.stop();
  }
  stream.addTrack(next);
  return next;
}

/** List the media input devices (labels are empty until the user granted access once). */
export async function listInputDevices(kind?: InputDeviceKind): Promise<MediaDeviceInfo[]> {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.enumerateDevices) return [];
  const all = await devices.enumerateDevices();
  return all.filter((d) => (kind ? d.kind === kind : d.kind !== 'audiooutput'));
}
