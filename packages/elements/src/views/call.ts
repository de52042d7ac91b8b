import { html, nothing, type TemplateResult } from 'lit';
import type { ClientState, PartnerLeftReasonInfo } from '@novu-chat/sdk';
import type { NovuStrings } from '../i18n/strings.js';
import { partnerLeftText } from '../i18n/texts.js';
import { chatPanel, commonInterests, type ChatPanelProps } from './chat-panel.js';
import { controls, type ControlsProps } from './controls.js';
import { icons } from './icons.js';
import type { NovuLayout } from './layout.js';
import { reportButton, reportDialog, type ReportChoice } from './report-dialog.js';

/** What the call view shows and does; its toolbar and chat panel have their own props. */
export interface CallProps {
  t: NovuStrings;
  state: ClientState;
  /** A video call (else text): the mode of the current (or last) match. */
  video: boolean;
  layout: NovuLayout;
  /** The message input has focus (narrow layouts give the chat more room). */
  composing: boolean;
  commonInterests: readonly string[];
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  cameraEnabled: boolean;
  partnerReconnecting: boolean;
  partnerLeftReason: PartnerLeftReasonInfo | null;
  /** The partner can be reported or blocked now. */
  reportable: boolean;
  controls: ControlsProps;
  chat: ChatPanelProps;
  /** "Find someone new", after the partner left. */
  onFindNext(): void;
  onReportClosed(choice: ReportChoice): void;
}

function partnerLeftCard(p: CallProps): TemplateResult {
  const { t } = p;
  return html`
    <div class="left-card" part="partner-left">
      <p class="left-title">${partnerLeftText(t, p.partnerLeftReason)}</p>
      <p class="muted">${t.partnerLeftHint}</p>
      <button class="btn btn-primary btn-large" part="find-next-button" type="button" @click=${p.onFindNext}>
        ${icons.next()} ${t.findNext}
      </button>
    </div>
  `;
}

function banner(p: CallProps): TemplateResult | typeof nothing {
  if (p.state === 'reconnecting') {
    return html`<div class="banner" part="banner"><span class="spinner"></span>${p.t.reconnecting}</div>`;
  }
  if (p.partnerReconnecting && p.state === 'matched') {
    return html`<div class="banner" part="banner"><span class="spinner"></span>${p.t.partnerReconnecting}</div>`;
  }
  return nothing;
}

/** Remote video large, local picture-in-picture, the partner-left card, banner, report and controls. */
function stage(p: CallProps): TemplateResult {
  const waiting = !p.remoteStream && p.state === 'matched';
  return html`
    <div class="stage" part="stage">
      <video class="remote" part="remote-video" autoplay playsinline .srcObject=${p.remoteStream} ?hidden=${!p.remoteStream}></video>
      ${waiting ? html`<div class="stage-wait"><span class="spinner"></span>${p.t.waitingVideo}</div>` : nothing}
      ${p.state === 'partner-left' ? partnerLeftCard(p) : nothing}
      ${banner(p)}
      ${p.reportable ? reportButton(p.t) : nothing}
      <video class="local mirrored ${p.cameraEnabled ? '' : 'cam-off'}" part="local-video" muted autoplay playsinline .srcObject=${p.localStream}></video>
      ${controls(p.controls, true)}
    </div>
  `;
}

/** The call: the stage (video mode) and the chat panel; in text mode the toolbar heads the chat. */
export function callView(p: CallProps): TemplateResult {
  const { t, video } = p;
  const common = commonInterests(t, p.commonInterests);
  const chat = video
    ? chatPanel(p.chat, { head: html`<div class="chat-head">${common}</div>` })
    : chatPanel(p.chat, {
        head: controls(p.controls, false, { lead: common, report: p.reportable ? reportButton(t) : nothing }),
        banner: banner(p),
        after: p.state === 'partner-left' ? partnerLeftCard(p) : nothing,
      });
  return html`
    <section class="call view layout-${p.layout} ${video ? 'mode-video' : 'mode-text'} ${p.composing ? 'composing' : ''}" part="call">
      ${video ? stage(p) : nothing}
      ${chat}
      ${p.reportable ? reportDialog(t, p.onReportClosed) : nothing}
    </section>
  `;
}
