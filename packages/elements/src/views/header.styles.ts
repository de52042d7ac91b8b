import { css } from 'lit';

/** The header bar: branding, online count, theme toggle. */
export const headerStyles = css`
  .header {
    display: flex;
    align-items: center;
    gap: 12px;
    min-block-size: 60px;
    padding: 8px 12px 8px 18px;
    border-block-end: 1px solid var(--novu-border);
    background: var(--novu-surface);
  }
  .header ::slotted(*) {
    min-inline-size: 0;
  }
  .header-slot {
    flex: 1 1 auto;
    min-inline-size: 0;
    display: flex;
    align-items: center;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 10px;
    font-weight: 700;
    font-size: 17px;
    letter-spacing: -0.01em;
    color: var(--novu-text);
    min-inline-size: 0;
  }
  .brand .logo {
    flex: none;
    color: var(--novu-accent);
    inline-size: 30px;
    block-size: 30px;
  }
  .brand span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .header-actions {
    display: flex;
    align-items: center;
    gap: 6px;
    flex: none;
  }
`;
