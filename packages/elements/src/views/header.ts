import { html, nothing, type TemplateResult } from 'lit';
import { format, type NovuStrings } from '../i18n/strings.js';
import { icons } from './icons.js';

/** What the header shows and does. */
export interface HeaderProps {
  t: NovuStrings;
  online: number | null;
  /** The dark theme is in use (the toggle offers light). */
  dark: boolean;
  onToggleTheme(): void;
}

/** The header bar: the site's branding (slot `header`, else the logo), the online count, the theme toggle. */
export function headerView(p: HeaderProps): TemplateResult {
  const { t } = p;
  const themeLabel = p.dark ? t.themeToLight : t.themeToDark;
  return html`
    <header class="header" part="header">
      <div class="header-slot">
        <slot name="header"><div class="brand">${icons.logo()}<span>${t.title}</span></div></slot>
      </div>
      <div class="header-actions">
        ${p.online !== null
          ? html`<span class="pill online" part="online-pill"><span class="dot"></span>${format(t.online, { count: p.online })}</span>`
          : nothing}
        <button class="btn btn-ghost btn-icon" part="theme-button" type="button" aria-label=${themeLabel} title=${themeLabel} @click=${p.onToggleTheme}>
          ${p.dark ? icons.sun() : icons.moon()}
        </button>
      </div>
    </header>
  `;
}
