import { css } from 'lit';

/** The landing view: mode choice, interests chips input, terms. */
export const landingStyles = css`
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

  @container novu (max-width: 420px) {
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
