import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../i18n/strings.js';
import type { NovuStrings } from '../i18n/strings.js';
import type { Notice, ViewContext } from './context.js';
import { icons } from './icons.js';

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

/** A notice in place of the landing view: camera refused or missing, a fatal error, no server. */
export function noticeView(ctx: ViewContext, notice: Notice): TemplateResult {
  const { t, actions } = ctx;
  let icon = icons.alert();
  let title = t.errorTitle;
  let text: string;
  let buttons: TemplateResult;
  if (notice.kind === 'media') {
    icon = icons.videoOff();
    const denied = notice.code === 'media_denied';
    title = denied ? t.mediaDeniedTitle : t.mediaUnavailableTitle;
    text = denied ? t.mediaDeniedText : t.mediaUnavailableText;
    buttons = html`
      <button class="btn btn-primary btn-large btn-block" part="text-mode-button" type="button" @click=${() => actions.start('text')}>
        ${icons.text()} ${t.useText}
      </button>
      <div class="notice-row">
        <button class="btn btn-secondary" type="button" @click=${() => actions.start('video')}>${t.retry}</button>
        <button class="btn btn-ghost" type="button" @click=${actions.back}>${t.back}</button>
      </div>
    `;
  } else if (notice.kind === 'config') {
    text = t.errorNoServer;
    buttons = html``;
  } else {
    if (notice.code === 'connection_failed' || notice.code === 'timeout') icon = icons.wifiOff();
    text = errorText(t, notice.code, ctx.lang, notice.retryAfterMs);
    // A site misconfiguration is not the visitor's to retry.
    const setup = notice.code === 'unknown_site' || notice.code === 'origin_not_allowed';
    buttons = html`
      ${setup ? nothing : html`<button class="btn btn-primary btn-large btn-block" part="retry-button" type="button" @click=${() => actions.start()}>${t.retry}</button>`}
      <div class="notice-row">
        <button class="btn btn-ghost" type="button" @click=${actions.back}>${t.back}</button>
      </div>
    `;
  }
  return html`
    <section class="notice view" part="notice" role="alert" aria-labelledby="notice-heading">
      <div class="card notice-card">
        <div class="notice-icon">${icon}</div>
        <h2 id="notice-heading" class="heading">${title}</h2>
        <p class="lead">${text}</p>
        <div class="notice-actions">${buttons}</div>
      </div>
    </section>
  `;
}
