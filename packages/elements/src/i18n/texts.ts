// Interface texts made from the strings and a situation: an error code, why the partner left.
import type { PartnerLeftReasonInfo } from '@novu-chat/sdk';
import { format, type NovuStrings } from './strings.js';

/** "in 5 minutes" (hours from two hours on), in the interface language. */
export function retryIn(lang: string, ms = 0): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const rtf = new Intl.RelativeTimeFormat(lang);
  return minutes < 120 ? rtf.format(minutes, 'minute') : rtf.format(Math.round(minutes / 60), 'hour');
}

/** The text explaining an error code (`lang` and `retryAfterMs` time a ban). */
export function errorText(t: NovuStrings, code: string, lang = 'en', retryAfterMs?: number): string {
  switch (code) {
    case 'connection_failed':
    case 'timeout':
    case 'server_shutting_down':
      return t.errorConnection;
    case 'banned':
      return format(t.errorBanned, { when: retryIn(lang, retryAfterMs) });
    case 'rate_limited':
      return t.errorRateLimited;
    case 'origin_not_allowed':
      return t.errorOrigin;
    case 'unknown_site':
      return t.errorSite;
    case 'captcha_failed':
      return t.errorCaptcha;
    default:
      return format(t.errorGeneric, { code });
  }
}

/** Why the partner is gone, as the conversation and the partner-left card say it. */
export function partnerLeftText(t: NovuStrings, reason: PartnerLeftReasonInfo | null): string {
  switch (reason) {
    case 'skipped':
      return t.partnerSkipped;
    case 'connection-lost':
    case 'peer-failed':
      return t.partnerConnectionLost;
    default:
      return t.partnerLeft;
  }
}
