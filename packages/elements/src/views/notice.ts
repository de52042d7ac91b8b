import { html, nothing, type TemplateResult } from 'lit';
import type { Mode } from '@novu-chat/sdk';
import type { Notice } from '../controllers/chat-snapshot.js';
import type { NovuStrings } from '../i18n/strings.js';
import { errorText } from '../i18n/texts.js';
import { icons } from './icons.js';

/** What a notice shows and does. */
export interface NoticeProps {
  t: NovuStrings;
  /** The interface language (for `Intl` formatting). */
  lang: string;
  notice: Notice;
  /** Try again (in `mode`, else the element's mode). */
  onStart(mode?: Mode): void;
  onBack(): void;
}

/** A notice in place of the landing view: camera refused or missing, a fatal error, no server. */
export function noticeView(p: NoticeProps): TemplateResult {
  const { t, notice } = p;
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
      <button class="btn btn-primary btn-large btn-block" part="text-mode-button" type="button" @click=${() => p.onStart('text')}>
        ${icons.text()} ${t.useText}
      </button>
      <div class="notice-row">
        <button class="btn btn-secondary" type="button" @click=${() => p.onStart('video')}>${t.retry}</button>
        <button class="btn btn-ghost" type="button" @click=${p.onBack}>${t.back}</button>
      </div>
    `;
  } else if (notice.kind === 'config') {
    text = t.errorNoServer;
    buttons = html``;
  } else {
    if (notice.code === 'connection_failed' || notice.code === 'timeout') icon = icons.wifiOff();
    text = errorText(t, notice.code, p.lang, notice.retryAfterMs);
    // A site misconfiguration is not the visitor's to retry.
    const setup = notice.code === 'unknown_site' || notice.code === 'origin_not_allowed';
    buttons = html`
      ${setup ? nothing : html`<button class="btn btn-primary btn-large btn-block" part="retry-button" type="button" @click=${() => p.onStart()}>${t.retry}</button>`}
      <div class="notice-row">
        <button class="btn btn-ghost" type="button" @click=${p.onBack}>${t.back}</button>
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
