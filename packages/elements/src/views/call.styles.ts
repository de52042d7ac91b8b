import { css } from 'lit';

/** The call view: the grid of stage and chat, the stage (videos, waiting, banner, partner-left card). */
export const callStyles = css`
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
`;

/**
 * The three layouts and the narrow (stacked) rules: they rearrange the stage, the controls and the
 * chat panel, so they come after the styles of each.
 */
export const callLayoutStyles = css`
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
