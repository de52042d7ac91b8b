import { NovuError } from './errors.js';
import { DEFAULT_MEDIA, getMedia, setKindEnabled, stopStream, switchDevice, withDevice, type InputDeviceKind } from './media.js';

/**
 * The camera and microphone of one client: the stream in use, the chosen devices and the
 * mute/camera-off switches, all kept across partners and starts (the stream is released by `stop()`).
 */
export class LocalMedia {
  readonly #constraints: MediaStreamConstraints;
  readonly #changed: (stream: MediaStream | null) => void;
  #stream: MediaStream | null = null;
  #devices: Partial<Record<InputDeviceKind, string>> = {};
  #mic = true;
  #camera = true;

  /**
   * @param constraints - The caller's constraints (default: camera and microphone).
   * @param changed - Told when the stream was acquired, switched a device, or was released.
   */
  constructor(constraints: MediaStreamConstraints | undefined, changed: (stream: MediaStream | null) => void) {
    this.#constraints = constraints ?? DEFAULT_MEDIA;
    this.#changed = changed;
  }

  /** The stream in use, or `null`. */
  get stream(): MediaStream | null {
    return this.#stream;
  }

  /** Whether the microphone sends sound. */
  get micEnabled(): boolean {
    return this.#mic;
  }

  /** Whether the camera sends pictures. */
  get cameraEnabled(): boolean {
    return this.#camera;
  }

  /**
   * Get camera and microphone for a video chat (the chosen devices preferred) and {@link LocalMedia.use}
   * them, unless `wanted()` says by then that nobody waits for them any more (they are released).
   * @returns Whether the stream is in use.
   * @throws {@link NovuError} `unsupported` without WebRTC; `media_denied` / `media_unavailable`.
   */
  async acquire(wanted: () => boolean): Promise<boolean> {
    if (typeof RTCPeerConnection === 'undefined') {
      throw new NovuError('unsupported', 'This browser has no WebRTC; use text mode');
    }
    let constraints = this.#constraints;
    for (const kind of ['audioinput', 'videoinput'] as const) {
      const id = this.#devices[kind];
      if (id) constraints = withDevice(constraints, kind, id, false);
    }
    const stream = await getMedia(constraints);
    if (!wanted()) {
      stopStream(stream);
      return false;
    }
    this.use(stream);
    return true;
  }

  /** Use `stream` (muted or dark as the switches say), stopping the previous one; `null` releases the devices. */
  use(stream: MediaStream | null): void {
    if (stream === this.#stream) return;
    stopStream(this.#stream);
    this.#stream = stream;
    setKindEnabled(stream, 'audio', this.#mic);
    setKindEnabled(stream, 'video', this.#camera);
    this.#changed(stream);
  }

  /** Mute or unmute the microphone without releasing it. */
  setMicEnabled(enabled: boolean): void {
    this.#mic = enabled;
    setKindEnabled(this.#stream, 'audio', enabled);
  }

  /** Turn the camera picture off or on without releasing it. */
  setCameraEnabled(enabled: boolean): void {
    this.#camera = enabled;
    setKindEnabled(this.#stream, 'video', enabled);
  }

  /**
   * Switch one device of the stream in use; `send` hands the new track to the running connection
   * before the old one stops. The choice is kept for later {@link LocalMedia.acquire} calls.
   * @throws {@link NovuError} `invalid_state` without a stream; `media_denied` / `media_unavailable`.
   */
  async selectDevice(kind: InputDeviceKind, deviceId: string, send: (track: MediaStreamTrack) => Promise<void>): Promise<void> {
    const stream = this.#stream;
    if (!stream) throw new NovuError('invalid_state', 'No local media: start a video chat first');
    await switchDevice(stream, this.#constraints, kind, deviceId, send);
    this.#devices[kind] = deviceId;
    if (this.#stream === stream) this.#changed(stream);
  }
}
