import { css } from 'lit';

/** What the landing, searching and notice views and the report dialog share: the view box, the centred card, its heading, lead and badge, the row of actions. */
export const card = css`
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

  @container novu (max-width: 420px) {
    .card {
      padding: 22px 18px;
      border-radius: var(--novu-radius);
    }
    .heading {
      font-size: 21px;
    }
  }
`;
