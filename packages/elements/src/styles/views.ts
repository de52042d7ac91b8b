import { css } from 'lit';

/** Landing, searching and notice views: a centred card. */
export const views = css`
  .view {
    block-size: 100%;
    overflow: auto;
    animation: fade-up 0.25s ease both;
  }
  .landing,
  .notice {
    display: grid;
    place-items: center;
    padding: 24px 16px calc(24px + env(safe-area-inset-bottom, 0px));
  }
  .card {
    inline-size: 100%;
    max-inline-size: 460px;
    padding: 28px;
    border-radius: calc(var(--novu-radius) + 6px);
    background: var(--novu-surface);
    border: 1px solid var(--novu-border);
    box-shadow: var(--novu-shadow);
  }
  .heading {
    font-size: 24px;
    line-height: 1.2;
    font-weight: 700;
    letter-spacing: -0.02em;
    text-wrap: balance;
  }
  .lead {
    margin-block-start: 8px;
    color: var(--novu-muted);
    font-size: 15px;
    text-wrap: pretty;
  }
  .muted {
    color: var(--novu-muted);
  }
  .hero-badge,
  .notice-icon {
    display: inline-grid;
    place-items: center;
    inline-size: 48px;
    block-size: 48px;
    margin-block-end: 16px;
    border-radius: 14px;
    background: var(--novu-accent-soft);
    color: var(--novu-accent-soft-text);
  }
  .notice-icon {
    background: var(--novu-warning-bg);
    color: var(--novu-warning-text);
  }
  .landing-form {
    display: grid;
    gap: 20px;
    margin-block-start: 24px;
  }
  .modes {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  .field-label {
    display: block;
    padding: 0;
    margin-block-end: 8px;
    font-weight: 600;
    font-size: 14px;
  }
  .optional {
    font-weight: 400;
    color: var(--novu-muted);
  }
  .mode-options {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 10px;
  }
  .mode-option {
    position: relative;
    display: block;
    cursor: pointer;
  }
  .mode-card {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-template-rows: auto auto;
    column-gap: 10px;
    align-items: center;
    min-block-size: 64px;
    padding: 12px 14px;
    border-radius: var(--novu-radius-small);
    border: 1.5px solid var(--novu-border);
    background: var(--novu-surface);
    transition: border-color 0.15s ease, background-color 0.15s ease;
  }
  .mode-icon {
    grid-row: span 2;
    display: grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    border-radius: 10px;
    background: var(--novu-surface-2);
    color: var(--novu-muted);
  }
  .mode-name {
    font-weight: 600;
  }
  .mode-hint {
    font-size: 12.5px;
    color: var(--novu-muted);
    line-height: 1.3;
  }
  .mode-option:hover .mode-card {
    border-color: color-mix(in srgb, var(--novu-accent) 45%, var(--novu-border));
  }
  .mode-option input:checked + .mode-card {
    border-color: var(--novu-accent);
    background: var(--novu-accent-soft);
  }
  .mode-option input:checked + .mode-card .mode-icon {
    background: var(--novu-accent);
    color: var(--novu-accent-contrast);
  }
  .mode-option input:focus-visible + .mode-card {
    outline: 3px solid var(--novu-focus);
    outline-offset: 2px;
  }
  .chips-input {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    min-block-size: 50px;
    padding: 6px 6px 6px 10px;
    border: 1.5px solid var(--novu-border);
    border-radius: var(--novu-radius-small);
    background: var(--novu-surface);
    cursor: text;
    transition: border-color 0.15s ease;
  }
  .chips-input:focus-within {
    border-color: var(--novu-accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--novu-accent) 22%, transparent);
  }
  .chips-input .chips {
    display: contents;
  }
  .chips-input input {
    flex: 1 1 140px;
    min-inline-size: 0;
    min-block-size: 36px;
    border: 0;
    outline: 0;
    background: transparent;
    font-size: 16px; /* 16 px: no zoom-on-focus in iOS Safari */
  }
  .chips-input input::placeholder,
  .composer-input::placeholder {
    color: var(--novu-muted);
    opacity: 0.85;
  }
  .hint {
    margin-block-start: 6px;
    font-size: 13px;
    color: var(--novu-muted);
  }
  .terms {
    margin-block-start: 18px;
    font-size: 12.5px;
    line-height: 1.5;
    color: var(--novu-muted);
    text-align: center;
    text-wrap: pretty;
  }
  .terms-check {
    display: flex;
    align-items: center;
    gap: 10px;
    min-block-size: 44px;
    margin-block-start: 16px;
    font-weight: 600;
  }
  .terms-check input {
    inline-size: 22px;
    block-size: 22px;
    accent-color: var(--novu-accent);
  }
  .note {
    padding: 8px 14px;
    border-radius: var(--novu-radius-small);
    background: var(--novu-accent-soft);
    color: var(--novu-accent-soft-text);
  }
  .notice-card {
    text-align: center;
  }
  .notice-actions {
    display: grid;
    gap: 10px;
    margin-block-start: 24px;
  }
  .notice-row {
    display: flex;
    justify-content: center;
    gap: 8px;
    flex-wrap: wrap;
  }

  /* Searching */
  .searching {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 14px;
    padding: 24px 16px calc(24px + env(safe-area-inset-bottom, 0px));
    text-align: center;
  }
  .radar {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 168px;
    block-size: 168px;
    margin-block-end: 10px;
  }
  .ring {
    position: absolute;
    inset: 0;
    border-radius: 50%;
    border: 2px solid var(--novu-accent);
    opacity: 0;
    animation: ping 2.4s cubic-bezier(0.2, 0.6, 0.3, 1) infinite;
  }
  .ring-2 {
    animation-delay: 1.2s;
  }
  @keyframes ping {
    0% {
      transform: scale(0.72);
      opacity: 0.55;
    }
    100% {
      transform: scale(1.18);
      opacity: 0;
    }
  }
  .radar-core {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 132px;
    block-size: 132px;
    border-radius: 50%;
    overflow: hidden;
    background: var(--novu-accent-soft);
    color: var(--novu-accent-soft-text);
    box-shadow: 0 0 0 6px var(--novu-surface), var(--novu-shadow);
  }
  .radar-icon .icon {
    inline-size: 44px;
    block-size: 44px;
  }
  .preview {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .mirrored {
    transform: scaleX(-1);
  }
  .progress {
    position: relative;
    inline-size: min(240px, 70%);
    block-size: 4px;
    border-radius: 4px;
    overflow: hidden;
    background: var(--novu-surface-2);
  }
  .progress span {
    position: absolute;
    inset-block: 0;
    inline-size: 40%;
    border-radius: 4px;
    background: var(--novu-accent);
    animation: slide 1.4s ease-in-out infinite;
  }
  @keyframes slide {
    from {
      inset-inline-start: -40%;
    }
    to {
      inset-inline-start: 100%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .progress span {
      inline-size: 100%;
      inset-inline-start: 0;
      opacity: 0.6;
    }
    .ring {
      display: none;
    }
  }
  .searching-meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: 8px;
    max-inline-size: 420px;
  }
  .searching .btn {
    margin-block-start: 8px;
  }

  @container novu (max-width: 420px) {
    .card {
      padding: 22px 18px;
      border-radius: var(--novu-radius);
    }
    .heading {
      font-size: 21px;
    }
    .mode-card {
      grid-template-columns: 1fr;
      justify-items: start;
      row-gap: 6px;
    }
    .mode-icon {
      grid-row: auto;
    }
  }
`;
