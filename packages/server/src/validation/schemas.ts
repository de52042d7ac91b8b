import { z } from 'zod';
import { Limits, MODES, PROTOCOL_VERSION, REPORT_REASONS, normalizeInterests, stripInvisibleControls } from '@novu-chat/protocol';

/**
 * Payload schemas of every client event, built on the shared limits of `@novu-chat/protocol`.
 * Objects strip unknown keys: they are ignored and never relayed.
 */

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** `queue:join` (payload optional): interests are normalised here (trimmed, lower-cased, de-duplicated). */
export const queueJoinSchema = z.preprocess(
  (value) => value ?? {},
  z.object({
    interests: z.unknown().optional(),
    mode: z.enum(MODES).optional(),
  }).transform((value, ctx) => {
    const result = normalizeInterests(value.interests ?? []);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, path: ['interests'] });
      return z.NEVER;
    }
    return { interests: result.interests, mode: value.mode ?? 'video' };
  }),
);

/** `signal:offer` and `signal:answer`. */
export const sdpSchema = z.object({
  sdp: z.string().min(1).max(Limits.maxSdpLength),
});

/** `signal:ice`. */
export const iceSchema = z.object({
  candidate: z
    .object({
      candidate: z.string().max(Limits.maxIceCandidateLength),
      sdpMid: z.string().max(Limits.maxSdpMidLength).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
      usernameFragment: z.string().max(Limits.maxUsernameFragmentLength).nullable().optional(),
    })
    .nullable(),
});

/** `report`: why the partner is reported. */
export const reportSchema = z.object({ reason: z.enum(REPORT_REASONS) });

/** `chat:typing`. */
export const typingSchema = z.object({ typing: z.boolean() });

/** `chat:message`: the text is cleaned (see {@link cleanMessageText}) before its length is checked. */
export const chatMessageSchema = z.object({
  text: z
    .string()
    .max(Limits.maxMessageLength * 8)
    .transform((text) => cleanMessageText(text))
    .refine((text) => text.length > 0, { message: 'text is empty' })
    .refine((text) => codePoints(text) <= Limits.maxMessageLength, {
      message: `text is longer than ${Limits.maxMessageLength} characters`,
    }),
});

// C0 and C1 controls other than tab (\x09) and newline (\x0A), plus DEL.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Trim and remove control characters other than newline and tab, and bidi and zero-width
 * characters (`stripInvisibleControls`). No HTML escaping: clients render text as text.
 */
export function cleanMessageText(text: string): string {
  return stripInvisibleControls(text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '')).trim();
}

/** The handshake `auth` object. */
export const handshakeSchema = z.object({
  v: z.number().int().optional().default(PROTOCOL_VERSION),
  clientId: z
    .string()
    .min(1)
    .max(Limits.maxClientIdLength)
    .regex(/^[A-Za-z0-9_-]+$/, 'clientId may only hold A-Z a-z 0-9 _ -')
    .optional(),
  siteKey: z.string().min(1).max(Limits.maxSiteKeyLength).optional(),
  captchaToken: z.string().max(Limits.maxCaptchaTokenLength).optional(),
  termsAccepted: z.boolean().optional(),
});

/** A short human-readable account of why a payload failed. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
