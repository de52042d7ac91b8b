/** Size limits enforced by the server. Lengths of text count Unicode code points. */
export const Limits = {
  /** Most interests in one `queue:join`. */
  maxInterests: 10,
  /** Longest interest, after trimming. */
  maxInterestLength: 32,
  /** Longest SDP in `signal:offer` / `signal:answer`. */
  maxSdpLength: 32_768,
  /** Longest ICE candidate string in `signal:ice`. */
  maxIceCandidateLength: 1_024,
  /** Longest `sdpMid` in `signal:ice`. */
  maxSdpMidLength: 64,
  /** Longest `usernameFragment` in `signal:ice`. */
  maxUsernameFragmentLength: 256,
  /** Longest chat message after trimming. */
  maxMessageLength: 1_000,
  /** Longest `clientId` in the handshake (characters `A-Z a-z 0-9 _ -`). */
  maxClientIdLength: 64,
  /** Longest `siteKey` in the handshake. */
  maxSiteKeyLength: 128,
  /** Longest `captchaToken` in the handshake. */
  maxCaptchaTokenLength: 4_096,
  /** Largest Socket.IO frame in bytes; a larger one closes the sender's connection. */
  maxFrameBytes: 100_000,
} as const;

/** The matching modes: users are only ever paired with users of the same mode. */
export const MODES = ['video', 'text'] as const;
/** A matching mode. */
export type Mode = (typeof MODES)[number];

/** Why a partner is reported (`report { reason }`). */
export const REPORT_REASONS = ['nudity', 'harassment', 'spam', 'underage', 'other'] as const;
/** A report reason. */
export type ReportReason = (typeof REPORT_REASONS)[number];
