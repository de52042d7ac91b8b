import { html, nothing, type TemplateResult } from 'lit';
import { REPORT_REASONS } from '@novu-chat/sdk';
import { format } from '../i18n/strings.js';
import type { ChatLine, NovuLayout, ViewContext } from './context.js';
import { icons } from './icons.js';

const layoutIcon: Record<NovuLayout, () => TemplateResult | ReturnType<typeof icons.video>> = {
  split: icons.layoutSplit,
  video: icons.layoutVideo,
  chat: icons.layoutChat,
};

function layoutName(ctx: ViewContext): string {
  const { t } = ctx;
  return ctx.layout === 'video' ? t.layoutVideo : ctx.layout === 'chat' ? t.layoutChat : t.layoutSplit;
}

/** The report/block control: on the stage (top corner) in video, in the toolbar in text. */
function reportButton(ctx: ViewContext): TemplateResult | typeof nothing {
  const { t } = ctx;
  return ctx.reportable
    ? html`<button class="ctrl ctrl-report" part="report-button" type="button" aria-haspopup="dialog" aria-label=${t.report} title=${t.report} @click=${ctx.actions.openReport}>
        ${icons.flag()}
      </button>`
    : nothing;
}

/**
 * The reason picker: a modal dialog (focus moves in, stays in, and returns; Escape closes). Its
 * buttons close it with a reason, `block`, or nothing as its return value.
 */
function reportDialog(ctx: ViewContext): TemplateResult {
  const { t, actions } = ctx;
  return html`
    <dialog class="card report-dialog" part="report-dialog" aria-labelledby="report-title" aria-describedby="report-lead"
      @close=${actions.reportClosed} @keydown=${actions.dialogKey}>
      <form method="dialog">
        <h2 id="report-title" class="heading">${t.report}</h2>
        <p id="report-lead" class="lead">${t.reportLead}</p>
        <div class="notice-actions">
          ${REPORT_REASONS.map(
            (reason, i) => html`<button class="btn btn-secondary" part="report-reason" value=${reason} ?autofocus=${!i}>${t[reason]}</button>`,
          )}
          <div class="notice-row">
            <button class="btn btn-danger" part="block-button" value="block">${t.block}</button>
            <button class="btn btn-ghost" value="">${t.cancel}</button>
          </div>
        </div>
      </form>
    </dialog>
  `;
}

/** Next, stop and (video) mute, camera, switch camera, layout. */
function controls(ctx: ViewContext, video: boolean, lead: TemplateResult | typeof nothing = nothing): TemplateResult {
  const { t, actions } = ctx;
  const active = ctx.state === 'matched' || ctx.state === 'partner-left' || ctx.state === 'reconnecting';
  return html`
    <div class="controls ${video ? 'on-stage' : 'in-panel'}" part="controls" role="toolbar" aria-label=${t.title}>
      ${video
        ? html`
            <button class="ctrl ${ctx.micEnabled ? '' : 'off'}" part="mute-button" type="button"
              aria-pressed=${String(!ctx.micEnabled)} aria-label=${ctx.micEnabled ? t.mute : t.unmute} title=${ctx.micEnabled ? t.mute : t.unmute}
              @click=${actions.toggleMic}>
              ${ctx.micEnabled ? icons.mic() : icons.micOff()}
            </button>
            <button class="ctrl ${ctx.cameraEnabled ? '' : 'off'}" part="camera-button" type="button"
              aria-pressed=${String(!ctx.cameraEnabled)} aria-label=${ctx.cameraEnabled ? t.cameraOff : t.cameraOn} title=${ctx.cameraEnabled ? t.cameraOff : t.cameraOn}
              @click=${actions.toggleCamera}>
              ${ctx.cameraEnabled ? icons.video() : icons.videoOff()}
            </button>
            ${ctx.canSwitchCamera
              ? html`<button class="ctrl" part="switch-camera-button" type="button" aria-label=${t.switchCamera} title=${t.switchCamera} @click=${actions.switchCamera}>
                  ${icons.switchCamera()}
                </button>`
              : nothing}
            <button class="ctrl" part="layout-button" type="button" aria-label=${format(t.layoutToggle, { layout: layoutName(ctx) })}
              title=${format(t.layoutToggle, { layout: layoutName(ctx) })} @click=${actions.cycleLayout}>
              ${layoutIcon[ctx.layout]()}
            </button>
          `
        : nothing}
      ${lead}
      <span class="ctrl-spacer"></span>
      ${video ? nothing : reportButton(ctx)}
      <button class="ctrl ctrl-stop" part="stop-button" type="button" aria-label=${t.stop} title=${t.stop} @click=${actions.stop}>
        ${icons.stop()}
      </button>
      <button class="ctrl ctrl-next ${ctx.confirmNext ? 'confirm' : ''}" part="next-button" type="button" ?disabled=${!active}
        aria-keyshortcuts="Escape" title=${t.nextShortcut} @click=${actions.next}>
        ${icons.next()}<span class="ctrl-label">${ctx.confirmNext ? t.nextConfirm : t.next}</span>
      </button>
    </div>
  `;
}

function partnerLeftText(ctx: ViewContext): string {
  const { t } = ctx;
  switch (ctx.partnerLeftReason) {
    case 'skipped':
      return t.partnerSkipped;
    case 'connection-lost':
    case 'peer-failed':
      return t.partnerConnectionLost;
    default:
      return t.partnerLeft;
  }
}

function partnerLeftCard(ctx: ViewContext): TemplateResult {
  const { t } = ctx;
  return html`
    <div class="left-card" part="partner-left">
      <p class="left-title">${partnerLeftText(ctx)}</p>
      <p class="muted">${t.partnerLeftHint}</p>
      <button class="btn btn-primary btn-large" part="find-next-button" type="button" @click=${ctx.actions.next}>
        ${icons.next()} ${t.findNext}
      </button>
    </div>
  `;
}

function banner(ctx: ViewContext): TemplateResult | typeof nothing {
  if (ctx.state === 'reconnecting') {
    return html`<div class="banner" part="banner"><span class="spinner"></span>${ctx.t.reconnecting}</div>`;
  }
  if (ctx.partnerReconnecting && ctx.state === 'matched') {
    return html`<div class="banner" part="banner"><span class="spinner"></span>${ctx.t.partnerReconnecting}</div>`;
  }
  return nothing;
}

function line(ctx: ViewContext, item: ChatLine): TemplateResult {
  const { t } = ctx;
  if (item.from === 'system') {
    return html`<li class="msg system" aria-hidden="true"><span>${item.text}</span></li>`;
  }
  const me = item.from === 'me';
  return html`
    <li class="msg ${item.from} ${item.pending ? 'pending' : ''} ${item.failed ? 'failed' : ''}">
      <span class="sr-only">${me ? t.you : t.stranger}:</span>
      <p class="bubble">${item.text}</p>
      ${item.failed
        ? html`<button class="msg-retry" type="button" @click=${() => ctx.actions.retry(item)}>${icons.alert()} ${t.messageFailed}</button>`
        : nothing}
    </li>
  `;
}

/** Tapping send leaves the focus (and the on-screen keyboard) in the message input. */
const keepFocus = (event: Event): void => event.preventDefault();

function chatPanel(ctx: ViewContext, video: boolean): TemplateResult {
  const { t, actions } = ctx;
  const matched = ctx.state === 'matched';
  const common = ctx.commonInterests;
  const head = common.length
    ? html`<p class="common" part="common-interests">${icons.sparkle()}<span>${format(t.commonInterests, { interests: common.join(', ') })}</span></p>`
    : html`<p class="common muted">${t.noCommonInterests}</p>`;
  return html`
    <section class="chat" part="chat" aria-label=${t.messagesLabel}>
      ${video ? html`<div class="chat-head">${head}</div>` : controls(ctx, false, head)}
      ${video ? nothing : banner(ctx)}
      <ol class="messages" part="message-list" role="log" aria-live="polite" aria-relevant="additions" aria-label=${t.messagesLabel} tabindex="0">
        ${ctx.lines.length <= 1 ? html`<li class="msg system empty" aria-hidden="true"><span>${t.chatEmpty}</span></li>` : nothing}
        ${ctx.lines.map((item) => line(ctx, item))}
      </ol>
      ${!video && ctx.state === 'partner-left' ? partnerLeftCard(ctx) : nothing}
      <div class="typing ${ctx.partnerTyping ? 'shown' : ''}" part="typing-indicator" aria-hidden=${ctx.partnerTyping ? 'false' : 'true'}>
        ${ctx.partnerTyping ? html`<span class="dots"><i></i><i></i><i></i></span>${t.typing}` : nothing}
      </div>
      ${ctx.toast ? html`<p class="toast" role="alert">${ctx.toast}</p>` : nothing}
      <form class="composer" part="composer" @submit=${actions.send}>
        <input
          class="composer-input"
          part="message-input"
          type="text"
          .value=${ctx.draft}
          maxlength="1000"
          autocomplete="off"
          enterkeyhint="send"
          aria-label=${t.messageLabel}
          placeholder=${t.messagePlaceholder}
          ?disabled=${!matched}
          @input=${actions.draftInput}
          @focus=${() => actions.composerFocus(true)}
          @blur=${() => actions.composerFocus(false)}
        />
        <button class="btn btn-primary btn-icon send" part="send-button" type="submit" aria-label=${t.send} title=${t.send} ?disabled=${!matched || !ctx.draft.trim()} @mousedown=${keepFocus}>
          ${icons.send()}
        </button>
      </form>
    </section>
  `;
}

/** The call: remote video large, local picture-in-picture, controls, and the chat panel. */
export function callView(ctx: ViewContext): TemplateResult {
  const video = ctx.roomMode === 'video';
  const waiting = video && !ctx.remoteStream && ctx.state === 'matched';
  return html`
    <section class="call view layout-${ctx.layout} ${video ? 'mode-video' : 'mode-text'} ${ctx.composing ? 'composing' : ''}" part="call">
      ${video
        ? html`
            <div class="stage" part="stage">
              <video class="remote" part="remote-video" autoplay playsinline .srcObject=${ctx.remoteStream} ?hidden=${!ctx.remoteStream}></video>
              ${waiting ? html`<div class="stage-wait"><span class="spinner"></span>${ctx.t.waitingVideo}</div>` : nothing}
              ${ctx.state === 'partner-left' ? partnerLeftCard(ctx) : nothing}
              ${banner(ctx)}
              ${reportButton(ctx)}
              <video class="local mirrored ${ctx.cameraEnabled ? '' : 'cam-off'}" part="local-video" muted autoplay playsinline .srcObject=${ctx.localStream}></video>
              ${controls(ctx, true)}
            </div>
          `
        : nothing}
      ${chatPanel(ctx, video)}
      ${ctx.reportable ? reportDialog(ctx) : nothing}
    </section>
  `;
}
