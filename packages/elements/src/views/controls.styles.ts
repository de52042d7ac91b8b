import { css } from 'lit';

/** The call controls: on the stage (video) or heading the chat panel (text). */
export const controlsStyles = css`
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
`;
