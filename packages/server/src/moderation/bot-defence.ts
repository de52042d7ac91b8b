/**
 * Admission checks for bot defence and terms acceptance, both off by default:
 * a captcha verifier the operator supplies (`captchaVerifier`) and `REQUIRE_TERMS`.
 * @module
 */
import { ErrorCode } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { AdmissionCheck, AdmissionContext } from '../admission.js';

/** What a captcha verifier learns about the connection besides the token (hashes only, never an IP). */
export type CaptchaContext = Omit<AdmissionContext, 'captchaToken'>;

/**
 * Checks a handshake's `captchaToken` with your captcha provider (hCaptcha, Turnstile,
 * reCAPTCHA…); resolve `true` to let the connection in. Called once per new connection
 * (resumed connections are not checked again).
 */
export type CaptchaVerifier = (token: string, context: CaptchaContext) => Promise<boolean>;

/**
 * Refuse connections whose `captchaToken` is missing or not accepted by `verify` with
 * `captcha_failed`. A verifier that throws refuses too (fail closed), and the error is logged.
 */
export function captchaAdmission(verify: CaptchaVerifier, log?: Logger): AdmissionCheck {
  return async (context) => {
    const { captchaToken, ...rest } = context;
    const refusal = { code: ErrorCode.CaptchaFailed, message: 'The bot check failed; solve the captcha and try again.' };
    if (!captchaToken) return refusal;
    try {
      return (await verify(captchaToken, rest)) ? undefined : refusal;
    } catch (error) {
      log?.error({ err: error }, 'captcha verifier failed');
      return refusal;
    }
  };
}

/**
 * Refuse connections without `termsAccepted: true` with `terms_required`. `required(siteKey)`
 * says whether the connection's site requires it (the global `REQUIRE_TERMS`, or a site's own).
 */
export function termsAdmission(required: (siteKey: string | undefined) => boolean): AdmissionCheck {
  return ({ termsAccepted, siteKey }) =>
    required(siteKey) && termsAccepted !== true
      ? { code: ErrorCode.TermsRequired, message: 'Accept the terms (and confirm your age) to chat.' }
      : undefined;
}
