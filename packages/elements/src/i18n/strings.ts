/**
 * Every text the element shows or announces. Override any of them with the element's
 * `strings` property (a partial object); `{name}` placeholders are filled in by the element.
 */
export interface NovuStrings {
  /** Shown in the header when no `header` slot is given. */
  title: string;
  /** Landing heading. */
  landingHeading: string;
  /** Landing sub-heading. */
  landingLead: string;
  /** Label of the video/text choice. */
  modeLabel: string;
  modeVideo: string;
  modeVideoHint: string;
  modeText: string;
  modeTextHint: string;
  /** Label of the interests input. */
  interestsLabel: string;
  interestsOptional: string;
  interestsPlaceholder: string;
  interestsHint: string;
  /** Accessible label of a chip's remove button: `{interest}`. */
  removeInterest: string;
  startVideo: string;
  startText: string;
  /** The terms/age notice under the start button (the `terms` slot replaces it). */
  terms: string;
  connecting: string;
  searching: string;
  searchingHint: string;
  /** `{count}`: people online. */
  online: string;
  cancel: string;
  /** Announced and shown when a partner is found. */
  matched: string;
  /** `{interests}`: the common interests, joined. */
  commonInterests: string;
  noCommonInterests: string;
  stranger: string;
  you: string;
  typing: string;
  messagesLabel: string;
  messagePlaceholder: string;
  messageLabel: string;
  send: string;
  next: string;
  /** The next button after a first Escape: press Escape again to skip. */
  nextConfirm: string;
  nextShortcut: string;
  stop: string;
  mute: string;
  unmute: string;
  cameraOff: string;
  cameraOn: string;
  switchCamera: string;
  /** `{layout}`: the current layout's name. */
  layoutToggle: string;
  layoutSplit: string;
  layoutVideo: string;
  layoutChat: string;
  themeToLight: string;
  themeToDark: string;
  waitingVideo: string;
  partnerLeft: string;
  partnerSkipped: string;
  partnerConnectionLost: string;
  partnerLeftHint: string;
  findNext: string;
  reconnecting: string;
  partnerReconnecting: string;
  mediaDeniedTitle: string;
  mediaDeniedText: string;
  mediaUnavailableTitle: string;
  mediaUnavailableText: string;
  useText: string;
  retry: string;
  back: string;
  errorTitle: string;
  errorConnection: string;
  /** `banned`: `{when}` is a localized relative time, e.g. "in 5 minutes". */
  errorBanned: string;
  errorRateLimited: string;
  /** `origin_not_allowed`: for the site owner (this origin is not in the server's allowed origins). */
  errorOrigin: string;
  /** `unknown_site`: for the site owner (the `site-key` is not configured on the server). */
  errorSite: string;
  /** `captcha_failed`: the site's bot check (captcha) failed or is missing. */
  errorCaptcha: string;
  errorGeneric: string;
  errorNoServer: string;
  messageFailed: string;
  chatEmpty: string;
  /** The report control and the title of the report/block dialog. */
  report: string;
  /** Under the dialog title. */
  reportLead: string;
  /** Report reasons, keyed by the SDK's `REPORT_REASONS`. */
  nudity: string;
  harassment: string;
  spam: string;
  underage: string;
  other: string;
  /** Block without reporting (in the report dialog). */
  block: string;
  /** Shown (and announced) while searching again after a report or a block. */
  reported: string;
  /** The required checkbox of servers that require accepting the terms (`terms_required`). */
  termsAccept: string;
}

/** A language pack: a full set of strings. */
export type NovuLanguagePack = Readonly<NovuStrings>;

/** Fill `{name}` placeholders of a string. */
export function format(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
