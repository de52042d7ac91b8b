import { css } from 'lit';

/** The host box, typography, buttons, focus ring, helpers. */
export const base = css`
  :host {
    display: block;
    position: relative;
    container: novu / inline-size;
    block-size: min(720px, 100dvh);
    /* While typing: at most the visible height (--novu-vvh, set from the visual viewport, as
       dvh does not shrink for an on-screen keyboard in iOS Safari and Android Chrome). */
    max-block-size: var(--novu-vvh);
    min-block-size: min(360px, var(--novu-vvh, 360px));
    min-inline-size: 280px;
    overflow: hidden;
    font-family: var(--novu-font);
    font-size: 15px;
    line-height: 1.45;
    color: var(--novu-text);
    background: var(--novu-bg);
    -webkit-text-size-adjust: 100%;
    -webkit-tap-highlight-color: transparent;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .root {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    block-size: 100%;
  }
  h1,
  h2,
  h3,
  p {
    margin: 0;
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :focus-visible {
    outline: 3px solid var(--novu-focus);
    outline-offset: 2px;
  }
  .icon {
    flex: none;
    inline-size: 22px;
    block-size: 22px;
  }
  /* The interests and message inputs. */
  .chips-input input::placeholder,
  .composer-input::placeholder {
    color: var(--novu-muted);
    opacity: 0.85;
  }
  .sr-only {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* Buttons */
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-block-size: 44px;
    min-inline-size: 44px;
    padding: 0 18px;
    border: 1px solid transparent;
    border-radius: 999px;
    font-weight: 600;
    font-size: 15px;
    text-decoration: none;
    white-space: nowrap;
    transition: background-color 0.15s ease, color 0.15s ease, transform 0.1s ease, box-shadow 0.15s ease;
  }
  .btn:active:not(:disabled) {
    transform: scale(0.97);
  }
  .btn-primary {
    background: var(--novu-accent);
    color: var(--novu-accent-contrast);
    box-shadow: 0 6px 16px color-mix(in srgb, var(--novu-accent) 30%, transparent);
  }
  .btn-primary:hover:not(:disabled) {
    background: var(--novu-accent-hover);
  }
  .btn-secondary {
    background: var(--novu-surface);
    color: var(--novu-text);
    border-color: var(--novu-border);
  }
  .btn-secondary:hover:not(:disabled) {
    background: var(--novu-surface-2);
  }
  .btn-ghost {
    background: transparent;
    color: var(--novu-muted);
  }
  .btn-ghost:hover:not(:disabled) {
    background: var(--novu-surface-2);
    color: var(--novu-text);
  }
  .btn-danger {
    background: var(--novu-danger);
    color: var(--novu-danger-contrast);
  }
  .btn-large {
    min-block-size: 54px;
    font-size: 16px;
    padding: 0 26px;
  }
  .btn-block {
    inline-size: 100%;
  }
  .btn-icon {
    padding: 0;
    inline-size: 44px;
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 4px 12px;
    border-radius: 999px;
    background: var(--novu-surface-2);
    color: var(--novu-muted);
    font-size: 13px;
    font-weight: 500;
    white-space: nowrap;
  }
  .dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: var(--novu-success);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--novu-success) 25%, transparent);
  }
  .main {
    position: relative;
    min-block-size: 0;
    overflow: hidden;
  }

  /* Chips (interests) */
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    min-block-size: 32px;
    padding: 0 4px 0 12px;
    border-radius: 999px;
    background: var(--novu-accent-soft);
    color: var(--novu-accent-soft-text);
    font-size: 14px;
    font-weight: 500;
    max-inline-size: 100%;
  }
  .chip.static {
    padding: 0 12px;
    min-block-size: 28px;
    font-size: 13px;
  }
  .chip-text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip button {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
  }
  /* A 44 px touch target around the small visual button. */
  .chip button::before {
    content: '';
    position: absolute;
    inset: -8px;
  }
  .chip button:hover {
    background: color-mix(in srgb, currentColor 14%, transparent);
  }
  .chip .icon {
    inline-size: 16px;
    block-size: 16px;
  }

  .spinner {
    inline-size: 18px;
    block-size: 18px;
    border-radius: 50%;
    border: 2.5px solid currentColor;
    border-inline-end-color: transparent;
    animation: spin 0.8s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @keyframes fade-up {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.001ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.001ms !important;
    }
  }
`;
