import type { DestinationStream } from 'pino';
import type { AdmissionCheck } from '../admission.js';
import type { Matchmaker } from '../matchmaking/types.js';
import type { BanList } from '../moderation/ban-list.js';
import type { CaptchaVerifier } from '../moderation/bot-defence.js';
import type { ReportCounter } from '../moderation/report-counter.js';
import type { RoomDirectory } from '../rooms/room-directory.js';
import type { Telemetry } from '../telemetry.js';

/** Extra wiring for tests and scale-out (different stores, more telemetry sinks, admission checks). */
export interface NovuServerWiring {
  matchmaker?: Matchmaker;
  directory?: RoomDirectory;
  telemetry?: Telemetry[];
  admission?: AdmissionCheck[];
  /** Bans (default: in memory). Banned clients and IPs are refused at connect with `banned`. */
  bans?: BanList;
  /** Where JSON log lines go (default stdout). */
  logDestination?: DestinationStream;
  /** Report counts (default: in memory; in cluster mode, in Redis). */
  reports?: ReportCounter;
  /**
   * Bot defence: check the handshake's `captchaToken` with your captcha provider. Connections
   * without a token, or whose token it rejects, are refused with `captcha_failed`.
   */
  captchaVerifier?: CaptchaVerifier;
}
