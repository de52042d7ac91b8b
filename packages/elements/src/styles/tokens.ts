import { css } from 'lit';

/**
 * Design tokens. Every `--novu-*` custom property can be set by the page on the element
 * (`novu-chat { --novu-accent: #e11d48 }`); page styles win over these defaults. To change a
 * colour for one theme only, scope it: `novu-chat[data-theme='dark'] { … }`.
 */
export const tokens = css`
  :host {
    --novu-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif;
    --novu-radius: 18px;
    --novu-radius-small: 12px;
    --novu-bg: #f4f5f9;
    --novu-surface: #ffffff;
    --novu-surface-2: #eef0f5;
    --novu-text: #141824;
    --novu-muted: #586074;
    --novu-border: #e1e4ec;
    --novu-accent: #4f46e5;
    --novu-accent-hover: #4338ca;
    --novu-accent-contrast: #ffffff;
    --novu-accent-soft: #eceeff;
    --novu-accent-soft-text: #3730a3;
    --novu-danger: #dc2626;
    --novu-danger-contrast: #ffffff;
    --novu-success: #16a34a;
    --novu-warning-bg: #fff7e6;
    --novu-warning-text: #7a4b00;
    --novu-stage: #0b0d13;
    --novu-bubble-me: var(--novu-accent);
    --novu-bubble-me-text: var(--novu-accent-contrast);
    --novu-bubble-partner: var(--novu-surface-2);
    --novu-bubble-partner-text: var(--novu-text);
    --novu-focus: #4f46e5;
    --novu-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 8px 24px rgb(16 24 40 / 8%);
    color-scheme: light;
  }
  :host([data-theme='dark']) {
    --novu-bg: #0c0e14;
    --novu-surface: #151923;
    --novu-surface-2: #1f2431;
    --novu-text: #eef0f6;
    --novu-muted: #a2a9ba;
    --novu-border: #272d3b;
    --novu-accent: #8b92ff;
    --novu-accent-hover: #a5abff;
    --novu-accent-contrast: #0b0d1a;
    --novu-accent-soft: #23274a;
    --novu-accent-soft-text: #c9ccff;
    --novu-danger: #f87171;
    --novu-danger-contrast: #1a0606;
    --novu-success: #4ade80;
    --novu-warning-bg: #2e2410;
    --novu-warning-text: #fcd68a;
    --novu-stage: #05060a;
    --novu-focus: #a5abff;
    --novu-shadow: 0 1px 2px rgb(0 0 0 / 30%), 0 8px 24px rgb(0 0 0 / 35%);
    color-scheme: dark;
  }
`;
