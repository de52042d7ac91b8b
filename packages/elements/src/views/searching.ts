import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../i18n/strings.js';
import type { ViewContext } from './context.js';
import { icons } from './icons.js';

/** Connecting / searching (and reconnecting while searching): progress, online count, cancel. */
export function searchingView(ctx: ViewContext): TemplateResult {
  const { t, state } = ctx;
  const title = state === 'connecting' ? t.connecting : state === 'reconnecting' ? t.reconnecting : t.searching;
  const preview = ctx.mode === 'video' && ctx.localStream;
  return html`
    <section class="searching view" part="searching" aria-labelledby="searching-heading" aria-busy="true">
      <div class="radar" aria-hidden="true">
        <span class="ring"></span><span class="ring ring-2"></span>
        <div class="radar-core">
          ${preview
            ? html`<video class="preview mirrored" part="local-video" muted autoplay playsinline .srcObject=${ctx.localStream}></video>`
            : html`<span class="radar-icon">${ctx.mode === 'video' ? icons.video() : icons.text()}</span>`}
        </div>
      </div>
      ${ctx.reported ? html`<p class="note" part="safety-note">${t.reported}</p>` : nothing}
      <h2 id="searching-heading" class="heading" role="status">${title}</h2>
      <div class="progress" role="progressbar" aria-label=${title}><span></span></div>
      <p class="muted">${t.searchingHint}</p>
      <div class="searching-meta">
        ${ctx.online !== null
          ? html`<span class="pill" part="online-count"><span class="dot"></span>${format(t.online, { count: ctx.online })}</span>`
          : nothing}
        ${ctx.interests.length
          ? html`<ul class="chips" aria-label=${t.interestsLabel}>
              ${ctx.interests.map((i) => html`<li class="chip static">${i}</li>`)}
            </ul>`
          : nothing}
      </div>
      <button class="btn btn-secondary" part="stop-button cancel-button" type="button" @click=${ctx.actions.stop}>
        ${icons.close()} ${t.cancel}
      </button>
    </section>
  `;
}
