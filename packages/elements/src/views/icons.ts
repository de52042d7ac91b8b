import { svg, type SVGTemplateResult } from 'lit';

// Simple 24×24 stroke icons drawn for Novu Chat. Decorative: the buttons carry the labels.
const icon = (body: SVGTemplateResult): SVGTemplateResult =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const icons = {
  logo: () =>
    svg`<svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="10" fill="currentColor"/><path d="M9.5 11.5a3 3 0 0 1 3-3h7a3 3 0 0 1 3 3v5a3 3 0 0 1-3 3H15l-3.6 3v-3.1a3 3 0 0 1-1.9-2.9z" fill="var(--novu-accent-contrast, #fff)"/><circle cx="14" cy="14" r="1.2" fill="currentColor"/><circle cx="18" cy="14" r="1.2" fill="currentColor"/></svg>`,
  video: () => icon(svg`<rect x="2.5" y="6" width="13" height="12" rx="3"/><path d="m15.5 10.5 5-3v9l-5-3"/>`),
  videoOff: () => icon(svg`<path d="M15.5 13.5v1.5a3 3 0 0 1-3 3h-7a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3h1.5M10.5 6h2a3 3 0 0 1 3 3v1.5l5-3v9"/><path d="m3 3 18 18"/>`),
  text: () => icon(svg`<path d="M4.5 5.5h15a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H10l-4.5 3.5v-3.5h-1a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z"/><path d="M7.5 10h9M7.5 13.5h5.5"/>`),
  mic: () => icon(svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21"/>`),
  micOff: () => icon(svg`<path d="M15 10V6a3 3 0 0 0-5.6-1.5M9 9v2a3 3 0 0 0 4.6 2.5M18.5 11a6.5 6.5 0 0 1-1 3.4M5.5 11a6.5 6.5 0 0 0 10.4 5.2M12 17.5V21"/><path d="m3 3 18 18"/>`),
  switchCamera: () => icon(svg`<path d="M3 8.5a2 2 0 0 1 2-2h2.2l1.5-2h6.6l1.5 2H19a2 2 0 0 1 2 2V17a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/><path d="M9 12.5a3 3 0 0 1 5.2-2M15 12.5a3 3 0 0 1-5.2 2M14.5 8.5v2h-2M9.5 16.5v-2h2"/>`),
  next: () => icon(svg`<path d="M5 5.5v13l9-6.5z"/><path d="M18.5 5.5v13"/>`),
  stop: () => icon(svg`<path d="M6 6l12 12M18 6 6 18"/>`),
  layoutSplit: () => icon(svg`<rect x="3" y="4.5" width="18" height="15" rx="3"/><path d="M13 4.5v15"/>`),
  layoutVideo: () => icon(svg`<rect x="3" y="4.5" width="18" height="15" rx="3"/><rect x="13.5" y="12.5" width="5" height="4.5" rx="1.2"/>`),
  layoutChat: () => icon(svg`<rect x="3" y="4.5" width="18" height="15" rx="3"/><path d="M8.5 4.5v15M12 9h5.5M12 12.5h4"/>`),
  sun: () => icon(svg`<circle cx="12" cy="12" r="4"/><path d="M12 2.5v2M12 19.5v2M4.6 4.6 6 6M18 18l1.4 1.4M2.5 12h2M19.5 12h2M4.6 19.4 6 18M18 6l1.4-1.4"/>`),
  moon: () => icon(svg`<path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"/>`),
  send: () => icon(svg`<path d="M4 12 20.5 4l-5 16.5-3.5-7z"/><path d="m12 13.5 8.5-9.5"/>`),
  flag: () => icon(svg`<path d="M5.5 21V4M5.5 4.5h12l-2.5 4.5 2.5 4.5h-12"/>`),
  close: () => icon(svg`<path d="M7 7l10 10M17 7 7 17"/>`),
  people: () => icon(svg`<circle cx="9" cy="8.5" r="3.2"/><path d="M3 19.5a6 6 0 0 1 12 0"/><path d="M15.5 5.6a3.2 3.2 0 0 1 0 5.8M17.5 14a6 6 0 0 1 3.5 5.5"/>`),
  alert: () => icon(svg`<path d="M12 3.5 2.5 20h19z"/><path d="M12 10v4.5M12 17.3v.2"/>`),
  wifiOff: () => icon(svg`<path d="M2.5 8.5a14 14 0 0 1 5-2.9M21.5 8.5a14 14 0 0 0-9.7-3.5M5.5 12a9.5 9.5 0 0 1 3.4-2M18.5 12a9.5 9.5 0 0 0-2.8-1.8M9 15.5a4.5 4.5 0 0 1 6 0"/><circle cx="12" cy="19" r=".8"/><path d="m3 3 18 18"/>`),
  sparkle: () => icon(svg`<path d="M12 3.5 13.8 9 19.5 10.5 13.8 12.2 12 18l-1.8-5.8-5.7-1.7L10.2 9z"/><path d="M19 16.5l.7 2 2 .7-2 .7-.7 2-.7-2-2-.7 2-.7z"/>`),
};
