import { html, type TemplateResult } from 'lit';
import { format } from '../i18n/strings.js';
import type { NovuStrings } from '../i18n/strings.js';
import type { Notice, ViewContext } from './context.js';
import { icons } from './icons.js';

/** The text explaining an error code. */
export function errorText(t: NovuStrings, code: string): string {
  switch (code) {
    case 'connection_failed':
    case 'timeout':
    case 'server_shutting_down':
      return t.errorConnection;
    case 'banned':
      return t.errorBanned;
    case 'rate_limited':
      return t.errorRateLimited;
    case 'origin_not_allowed':
    case 'unknown_site':
      return t.errorOrigin;
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
    text = errorText(t, notice.code);
    buttons = html`
      <button class="btn btn-primary btn-large btn-block" part="retry-button" type="button" @click=${() => actions.start()}>${t.retry}</button>
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
