import { css } from 'lit';

/** The chat panel: shared interests, messages, typing indicator, toast, composer. */
export const chatPanelStyles = css`
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
`;
