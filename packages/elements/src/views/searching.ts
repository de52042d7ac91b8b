import { html, nothing, type TemplateResult } from 'lit';
import type { ClientState, Mode } from '@novu-chat/sdk';
import { format, type NovuStrings } from '../i18n/strings.js';
import { icons } from './icons.js';

/** What the searching view shows and does. */
export interface SearchingProps {
  t: NovuStrings;
  /** `connecting`, `searching` or `reconnecting`. */
  state: ClientState;
  mode: Mode;
  /** The camera preview (video mode). */
  localStream: MediaStream | null;
  /** Searching again after a report or a block: a calm note says so. */
  reported: boolean;
  online: number | null;
  interests: readonly string[];
  onStop(): void;
}

/** Connecting / searching (and reconnecting while searching): progress, online count, cancel. */
export function searchingView(p: SearchingProps): TemplateResult {
  const { t, state } = p;
  const title = state === 'connecting' ? t.connecting : state === 'reconnecting' ? t.reconnecting : t.searching;
  const preview = p.mode === 'video' && p.localStream;
  return html`
    <section class="searching view" part="searching" aria-labelledby="searching-heading" aria-busy="true">
      <div class="radar" aria-hidden="true">
        <span class="ring"></span><span class="ring ring-2"></span>
        <div class="radar-core">
          ${preview
            ? html`<video class="preview mirrored" part="local-video" muted autoplay playsinline .srcObject=${p.localStream}></video>`
            : html`<span class="radar-icon">${p.mode === 'video' ? icons.video() : icons.text()}</span>`}
        </div>
      </div>
      ${p.reported ? html`<p class="note" part="safety-note">${t.reported}</p>` : nothing}
      <h2 id="searching-heading" class="heading" role="status">${title}</h2>
      <div class="progress" role="progressbar" aria-label=${title}><span></span></div>
      <p class="muted">${t.searchingHint}</p>
      <div class="searching-meta">
        ${p.online !== null
          ? html`<span class="pill" part="online-count"><span class="dot"></span>${format(t.online, { count: p.online })}</span>`
          : nothing}
        ${p.interests.length
          ? html`<ul class="chips" aria-label=${t.interestsLabel}>
              ${p.interests.map((i) => html`<li class="chip static">${i}</li>`)}
            </ul>`
          : nothing}
      </div>
      <button class="btn btn-secondary" part="stop-button cancel-button" type="button" @click=${p.onStop}>
        ${icons.close()} ${t.cancel}
      </button>
    </section>
  `;
}
