import { html, nothing, type TemplateResult } from 'lit';
import { format, type NovuStrings } from '../i18n/strings.js';
import { icons } from './icons.js';
import type { NovuLayout } from './layout.js';

/** What the call controls show and do. */
export interface ControlsProps {
  t: NovuStrings;
  /** Next can be used (matched, partner left, reconnecting). */
  active: boolean;
  layout: NovuLayout;
  micEnabled: boolean;
  cameraEnabled: boolean;
  canSwitchCamera: boolean;
  /** One Escape was pressed: Next asks for the second. */
  confirmNext: boolean;
  onToggleMic(): void;
  onToggleCamera(): void;
  onSwitchCamera(): void;
  onCycleLayout(): void;
  onStop(): void;
  onNext(): void;
}

const layoutIcon = {
  split: icons.layoutSplit,
  video: icons.layoutVideo,
  chat: icons.layoutChat,
} satisfies Record<NovuLayout, () => unknown>;

function layoutName(t: NovuStrings, layout: NovuLayout): string {
  return layout === 'video' ? t.layoutVideo : layout === 'chat' ? t.layoutChat : t.layoutSplit;
}

/** Mute, camera, switch camera and layout: the video-only controls. */
function mediaControls(p: ControlsProps): TemplateResult {
  const { t } = p;
  const layoutLabel = format(t.layoutToggle, { layout: layoutName(t, p.layout) });
  return html`
    <button class="ctrl ${p.micEnabled ? '' : 'off'}" part="mute-button" type="button"
      aria-pressed=${String(!p.micEnabled)} aria-label=${p.micEnabled ? t.mute : t.unmute} title=${p.micEnabled ? t.mute : t.unmute}
      @click=${p.onToggleMic}>
      ${p.micEnabled ? icons.mic() : icons.micOff()}
    </button>
    <button class="ctrl ${p.cameraEnabled ? '' : 'off'}" part="camera-button" type="button"
      aria-pressed=${String(!p.cameraEnabled)} aria-label=${p.cameraEnabled ? t.cameraOff : t.cameraOn} title=${p.cameraEnabled ? t.cameraOff : t.cameraOn}
      @click=${p.onToggleCamera}>
      ${p.cameraEnabled ? icons.video() : icons.videoOff()}
    </button>
    ${p.canSwitchCamera
      ? html`<button class="ctrl" part="switch-camera-button" type="button" aria-label=${t.switchCamera} title=${t.switchCamera} @click=${p.onSwitchCamera}>
          ${icons.switchCamera()}
        </button>`
      : nothing}
    <button class="ctrl" part="layout-button" type="button" aria-label=${layoutLabel} title=${layoutLabel} @click=${p.onCycleLayout}>
      ${layoutIcon[p.layout]()}
    </button>
  `;
}

/**
 * The call toolbar: on the stage in video (media controls first), at the top of the chat panel
 * in text, where `lead` (the shared interests) and `report` (the report button) join it.
 */
export function controls(
  p: ControlsProps,
  video: boolean,
  { lead = nothing, report = nothing }: { lead?: TemplateResult | typeof nothing; report?: TemplateResult | typeof nothing } = {},
): TemplateResult {
  const { t } = p;
  return html`
    <div class="controls ${video ? 'on-stage' : 'in-panel'}" part="controls" role="toolbar" aria-label=${t.title}>
      ${video ? mediaControls(p) : nothing}
      ${lead}
      <span class="ctrl-spacer"></span>
      ${video ? nothing : report}
      <button class="ctrl ctrl-stop" part="stop-button" type="button" aria-label=${t.stop} title=${t.stop} @click=${p.onStop}>
        ${icons.stop()}
      </button>
      <button class="ctrl ctrl-next ${p.confirmNext ? 'confirm' : ''}" part="next-button" type="button" ?disabled=${!p.active}
        aria-keyshortcuts="Escape" title=${t.nextShortcut} @click=${p.onNext}>
        ${icons.next()}<span class="ctrl-label">${p.confirmNext ? t.nextConfirm : t.next}</span>
      </button>
    </div>
  `;
}
