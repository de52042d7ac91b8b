import { css } from 'lit';

/** The call view: stage (videos + controls), chat panel, the three layouts, and the narrow (stacked) rules. */
export const call = css`
  .call {
    display: grid;
    gap: 12px;
    padding: 12px;
    block-size: 100%;
    overflow: hidden;
    animation: none;
  }
  .call.mode-video.layout-split {
    grid-template-columns: minmax(0, 1fr) minmax(300px, 38%);
  }
  .call.mode-video.layout-chat {
    grid-template-columns: minmax(260px, 34%) minmax(0, 1fr);
  }
  .call.mode-video.layout-video {
    grid-template-columns: minmax(0, 1fr);
  }
  .call.mode-text {
    grid-template-columns: minmax(0, 760px);
    justify-content: center;
  }

  /* Stage */
  .stage {
    position: relative;
    min-block-size: 0;
    min-inline-size: 0;
    border-radius: var(--novu-radius);
    overflow: hidden;
    background: radial-gradient(120% 90% at 50% 0%, #1c2130 0%, var(--novu-stage) 70%);
    color: #fff;
    isolation: isolate;
  }
  .remote {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    background: var(--novu-stage);
  }
  .layout-chat .remote {
    object-fit: cover;
  }
  .remote[hidden] {
    display: none;
  }
  .local {
    position: absolute;
    z-index: 4;
    inset-block-start: 12px;
    inset-inline-end: 12px;
    inline-size: clamp(96px, 24%, 220px);
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--novu-radius-small);
    border: 2px solid rgb(255 255 255 / 70%);
    background: #1b1f2b;
    box-shadow: 0 8px 24px rgb(0 0 0 / 35%);
  }
  .local.cam-off {
    opacity: 0.35;
  }
  .stage-wait {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 10px;
    color: rgb(255 255 255 / 80%);
    font-weight: 500;
  }
  .banner {
    position: absolute;
    z-index: 3;
    inset-block-start: 12px;
    inset-inline-start: 12px;
    display: flex;
    align-items: center;
    gap: 8px;
    max-inline-size: calc(100% - 24px);
    padding: 8px 14px;
    border-radius: 999px;
    background: var(--novu-warning-bg);
    color: var(--novu-warning-text);
    font-size: 14px;
    font-weight: 500;
    box-shadow: var(--novu-shadow);
    animation: fade-up 0.2s ease both;
  }
  .chat > .banner {
    position: static;
    margin: 0 12px 8px;
    border-radius: var(--novu-radius-small);
  }
  .left-card {
    position: absolute;
    z-index: 3;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 16px 16px 76px;
    text-align: center;
    background: rgb(8 10 16 / 72%);
    color: #fff;
    animation: fade-up 0.25s ease both;
  }
  .left-card .muted {
    color: rgb(255 255 255 / 75%);
  }
  .left-title {
    font-size: 19px;
    font-weight: 700;
  }
  .left-card .btn {
    margin-block-start: 12px;
  }
  .chat .left-card {
    position: static;
    padding: 16px;
    margin: 0 12px 8px;
    border-radius: var(--novu-radius-small);
    background: var(--novu-accent-soft);
    color: var(--novu-accent-soft-text);
  }
  .chat .left-card .muted {
    color: inherit;
    opacity: 0.85;
  }

  .stage .ctrl-report {
    position: absolute;
    z-index: 4;
    inset-block-start: 12px;
    inset-inline-start: 12px;
    background: rgb(12 14 22 / 62%);
  }
  .stage .banner {
    inset-inline-start: 64px;
  }
  .report-dialog {
    max-inline-size: min(420px, calc(100% - 32px));
    color: var(--novu-text);
  }
  .report-dialog::backdrop {
    background: rgb(8 10 16 / 60%);
  }

  /* Controls */
  .controls {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .controls.on-stage {
    position: absolute;
    z-index: 4;
    inset-block-end: 12px;
    inset-inline: 12px;
    justify-content: center;
    margin-inline: auto;
    inline-size: fit-content;
    max-inline-size: calc(100% - 24px);
    padding: 6px;
    border-radius: 999px;
    background: rgb(12 14 22 / 62%);
    backdrop-filter: blur(12px);
    -webkit-backdrop-filter: blur(12px);
  }
  .controls.in-panel {
    padding: 8px 10px 8px 16px;
    border-block-end: 1px solid var(--novu-border);
  }
  .ctrl-spacer {
    inline-size: 6px;
  }
  .in-panel .ctrl-spacer {
    flex: 1;
  }
  .ctrl {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-inline-size: 44px;
    block-size: 44px;
    padding: 0 11px;
    border: 0;
    border-radius: 999px;
    background: rgb(255 255 255 / 14%);
    color: #fff;
    font-weight: 600;
    transition: background-color 0.15s ease, transform 0.1s ease;
  }
  .ctrl:hover:not(:disabled) {
    background: rgb(255 255 255 / 24%);
  }
  .ctrl:active:not(:disabled) {
    transform: scale(0.95);
  }
  .ctrl.off {
    background: #fff;
    color: #141824;
  }
  .in-panel .ctrl {
    background: var(--novu-surface-2);
    color: var(--novu-text);
  }
  .in-panel .ctrl:hover:not(:disabled) {
    background: color-mix(in srgb, var(--novu-surface-2) 80%, var(--novu-text));
  }
  .ctrl.ctrl-stop,
  .in-panel .ctrl.ctrl-stop {
    background: var(--novu-danger);
    color: var(--novu-danger-contrast);
  }
  .ctrl.ctrl-next,
  .in-panel .ctrl.ctrl-next {
    padding: 0 18px 0 14px;
    background: var(--novu-accent);
    color: var(--novu-accent-contrast);
  }
  .ctrl.ctrl-next.confirm {
    background: #f59e0b;
    color: #1f1300;
  }
  .on-stage :focus-visible {
    outline-color: #fff;
  }

  /* Chat panel */
  .chat {
    position: relative;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    min-inline-size: 0;
    border-radius: var(--novu-radius);
    background: var(--novu-surface);
    border: 1px solid var(--novu-border);
    overflow: hidden;
  }
  .chat-head {
    padding: 12px 16px 4px;
  }
  .common {
    display: flex;
    min-inline-size: 0;
    align-items: center;
    gap: 6px;
    font-size: 13px;
    font-weight: 600;
    color: var(--novu-accent-soft-text);
  }
  .common.muted {
    font-weight: 500;
    color: var(--novu-muted);
  }
  .common .icon {
    inline-size: 16px;
    block-size: 16px;
  }
  .messages {
    flex: 1 1 auto;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    list-style: none;
    margin: 0;
    padding: 8px 14px 4px;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .messages:focus-visible {
    outline-offset: -3px;
  }
  .msg {
    display: flex;
    flex-direction: column;
    max-inline-size: 82%;
    animation: fade-up 0.18s ease both;
  }
  .msg.me {
    align-self: flex-end;
    align-items: flex-end;
  }
  .msg.partner {
    align-self: flex-start;
    align-items: flex-start;
  }
  .bubble {
    padding: 8px 13px;
    border-radius: 18px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-size: 15px;
  }
  .me .bubble {
    background: var(--novu-bubble-me);
    color: var(--novu-bubble-me-text);
    border-end-end-radius: 6px;
  }
  .partner .bubble {
    background: var(--novu-bubble-partner);
    color: var(--novu-bubble-partner-text);
    border-end-start-radius: 6px;
  }
  .msg.pending .bubble {
    opacity: 0.65;
  }
  .msg.failed .bubble {
    opacity: 0.6;
  }
  .msg-retry {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-block-size: 32px;
    padding: 2px 4px;
    border: 0;
    background: none;
    color: var(--novu-danger);
    font-size: 12.5px;
  }
  .msg-retry .icon {
    inline-size: 14px;
    block-size: 14px;
  }
  .msg.system {
    align-self: center;
    max-inline-size: 92%;
    text-align: center;
    font-size: 13px;
    color: var(--novu-muted);
    padding: 6px 0;
  }
  .typing {
    display: flex;
    align-items: center;
    gap: 8px;
    min-block-size: 24px;
    padding: 0 16px;
    font-size: 13px;
    color: var(--novu-muted);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    inline-size: 6px;
    block-size: 6px;
    border-radius: 50%;
    background: currentColor;
    animation: blink 1.2s infinite ease-in-out both;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes blink {
    0%,
    80%,
    100% {
      opacity: 0.25;
    }
    40% {
      opacity: 1;
    }
  }
  .toast {
    margin: 0 12px 6px;
    padding: 6px 12px;
    border-radius: 10px;
    background: var(--novu-warning-bg);
    color: var(--novu-warning-text);
    font-size: 13px;
  }
  .composer {
    display: flex;
    gap: 8px;
    padding: 8px 10px calc(10px + env(safe-area-inset-bottom, 0px));
    border-block-start: 1px solid var(--novu-border);
  }
  .composer-input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 44px;
    padding: 0 16px;
    border-radius: 999px;
    border: 1.5px solid var(--novu-border);
    background: var(--novu-bg);
    font-size: 16px; /* no zoom-on-focus in iOS Safari */
    outline: 0;
  }
  .composer-input:focus-visible {
    border-color: var(--novu-accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--novu-accent) 22%, transparent);
  }
  .send {
    flex: none;
    box-shadow: none;
  }

  /* Video focus: the chat floats over the video. */
  .call.mode-video.layout-video {
    position: relative;
  }
  .layout-video .chat {
    position: absolute;
    z-index: 5;
    inset-block-end: 76px;
    inset-inline-end: 24px;
    inline-size: min(360px, calc(100% - 48px));
    block-size: min(60%, 440px);
    background: color-mix(in srgb, var(--novu-surface) 88%, transparent);
    backdrop-filter: blur(14px);
    -webkit-backdrop-filter: blur(14px);
    box-shadow: var(--novu-shadow);
  }

  /* Narrow (phones, small embeds): video above chat. */
  @container novu (max-width: 767px) {
    .call {
      gap: 8px;
      padding: 8px;
    }
    .call.mode-video.layout-split,
    .call.mode-video.layout-chat,
    .call.mode-video.layout-video {
      grid-template-columns: minmax(0, 1fr);
    }
    .call.mode-video.layout-split {
      grid-template-rows: minmax(180px, 46%) minmax(0, 1fr);
    }
    .call.mode-video.layout-chat {
      grid-template-rows: 170px minmax(0, 1fr);
    }
    .call.mode-video.layout-video {
      grid-template-rows: minmax(0, 1fr);
    }
    .call.mode-text {
      padding: 0;
    }
    .mode-text .chat {
      border-radius: 0;
      border: 0;
    }
    .layout-video .chat {
      inset-inline: 16px;
      inset-block-end: 72px;
      inline-size: auto;
      block-size: 46%;
    }
    .layout-chat .local {
      inline-size: 72px;
      inset-block-start: 8px;
      inset-inline-end: 8px;
    }
    .left-card {
      padding-block-start: 72px; /* clear of the picture-in-picture */
    }
    .layout-chat .left-card {
      padding-block-start: 8px;
      padding-block-end: 64px;
      gap: 2px;
    }
    .layout-chat .left-card .muted {
      display: none;
    }
    .layout-chat .left-card .btn {
      margin-block-start: 4px;
      min-block-size: 44px;
    }
    .local {
      inline-size: clamp(84px, 26%, 140px);
    }
    .controls.on-stage {
      inset-block-end: 8px;
      gap: 4px;
      padding: 4px;
    }
    .ctrl-spacer {
      inline-size: 2px;
    }
    .composing.call.mode-video.layout-split,
    .composing.call.mode-video.layout-chat {
      grid-template-rows: 120px minmax(0, 1fr);
    }
  }
  @container novu (max-width: 359px) {
    .ctrl.ctrl-next {
      padding: 0 12px;
    }
    .on-stage .ctrl-label {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .on-stage .ctrl.ctrl-next.confirm .ctrl-label {
      position: static;
      inline-size: auto;
      block-size: auto;
      clip: auto;
      font-size: 13px;
    }
  }
`;
