/**
 * Admission: the checks a new connection passes before it is accepted (bans, sites, bot
 * defence, terms, the operator's own). The connection guard runs them; features provide them.
 * @module
 */
import type { ErrorCodeName } from '@novu-chat/protocol';

/** What an admission check sees of a connection. Hashes only, never an IP. */
export interface AdmissionContext {
  clientKey: string;
  ipKey: string;
  siteKey: string | undefined;
  origin: string | undefined;
  /** The `Host` header (a page served by this server itself has an Origin on this host). */
  host?: string | undefined;
  captchaToken: string | undefined;
  termsAccepted: boolean | undefined;
}

/** An admission check's refusal. */
export interface AdmissionRefusal {
  code: ErrorCodeName;
  message: string;
  retryAfterMs?: number;
}

/** An extra check run at connect (bans, sites, bot defence): resolve a refusal to turn the connection away. */
export type AdmissionCheck = (context: AdmissionContext) => Promise<AdmissionRefusal | undefined> | AdmissionRefusal | undefined;
