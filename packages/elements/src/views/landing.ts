import { html, nothing, type TemplateResult } from 'lit';
import type { Mode } from '@novu-chat/sdk';
import { format, type NovuStrings } from '../i18n/strings.js';
import { icons } from './icons.js';

/** What the landing view shows and does. */
export interface LandingProps {
  t: NovuStrings;
  mode: Mode;
  interests: readonly string[];
  /** The server requires accepting the terms: a required checkbox (which retries) is shown. */
  termsNeeded: boolean;
  onStart(): void;
  onMode(mode: Mode): void;
  onAddInterest(text: string): void;
  onRemoveInterest(interest: string): void;
  /** The terms checkbox was checked: accept and retry. */
  onAcceptTerms(): void;
}

function onInterestKey(p: LandingProps, event: KeyboardEvent): void {
  const input = event.target as HTMLInputElement;
  if (event.key === 'Enter' || event.key === ',') {
    if (!input.value.trim()) return; // Enter on an empty input submits the form (starts)
    event.preventDefault();
    p.onAddInterest(input.value);
    input.value = '';
  } else if (event.key === 'Backspace' && input.value === '' && p.interests.length) {
    p.onRemoveInterest(p.interests[p.interests.length - 1] ?? '');
  }
}

function onInterestInput(p: LandingProps, event: Event): void {
  // Pasted "a, b, c" (or a comma typed on a virtual keyboard that sends no key events).
  const input = event.target as HTMLInputElement;
  if (!input.value.includes(',')) return;
  const parts = input.value.split(',');
  const rest = parts.pop() ?? '';
  for (const part of parts) p.onAddInterest(part);
  input.value = rest.trimStart();
}

function onInterestBlur(p: LandingProps, event: FocusEvent): void {
  const input = event.target as HTMLInputElement;
  if (input.value.trim()) {
    p.onAddInterest(input.value);
    input.value = '';
  }
}

function onSubmit(p: LandingProps, event: SubmitEvent): void {
  event.preventDefault();
  if (p.termsNeeded) {
    // The server refuses until the terms are accepted: the checkbox (which retries) comes first.
    ((event.target as Element).getRootNode() as ShadowRoot).getElementById('terms-check')?.focus();
    return;
  }
  const input = (event.target as HTMLFormElement).querySelector<HTMLInputElement>('#interest-input');
  if (input?.value.trim()) {
    p.onAddInterest(input.value);
    input.value = '';
  }
  p.onStart();
}

/** The landing view: mode choice, interests, start, terms. */
export function landingView(p: LandingProps): TemplateResult {
  const { t, mode } = p;
  const option = (value: 'video' | 'text', label: string, hint: string, icon: TemplateResult | ReturnType<typeof icons.video>) => html`
    <label class="mode-option">
      <input class="sr-only" type="radio" name="mode" value=${value} .checked=${mode === value} @change=${() => p.onMode(value)} />
      <span class="mode-card">
        <span class="mode-icon">${icon}</span>
        <span class="mode-name">${label}</span>
        <span class="mode-hint">${hint}</span>
      </span>
    </label>
  `;
  return html`
    <section class="landing view" part="landing" aria-labelledby="landing-heading">
      <div class="card landing-card">
        <div class="hero-badge">${icons.sparkle()}</div>
        <h2 id="landing-heading" class="heading">${t.landingHeading}</h2>
        <p class="lead">${t.landingLead}</p>
        <form class="landing-form" @submit=${(e: SubmitEvent) => onSubmit(p, e)} novalidate>
          <fieldset class="modes" part="mode-choice">
            <legend class="field-label">${t.modeLabel}</legend>
            <div class="mode-options">
              ${option('video', t.modeVideo, t.modeVideoHint, icons.video())}
              ${option('text', t.modeText, t.modeTextHint, icons.text())}
            </div>
          </fieldset>
          <div class="field">
            <label class="field-label" for="interest-input">
              ${t.interestsLabel} <span class="optional">(${t.interestsOptional})</span>
            </label>
            <div class="chips-input" part="interests-input">
              ${p.interests.length
                ? html`<ul class="chips" aria-label=${t.interestsLabel}>
                    ${p.interests.map(
                      (interest) => html`<li class="chip">
                        <span class="chip-text">${interest}</span>
                        <button type="button" aria-label=${format(t.removeInterest, { interest })} @click=${() => p.onRemoveInterest(interest)}>
                          ${icons.close()}
                        </button>
                      </li>`,
                    )}
                  </ul>`
                : nothing}
              <input
                id="interest-input"
                type="text"
                enterkeyhint="done"
                autocomplete="off"
                autocapitalize="off"
                maxlength="32"
                placeholder=${t.interestsPlaceholder}
                aria-describedby="interests-hint"
                @keydown=${(e: KeyboardEvent) => onInterestKey(p, e)}
                @input=${(e: Event) => onInterestInput(p, e)}
                @blur=${(e: FocusEvent) => onInterestBlur(p, e)}
              />
            </div>
            <p id="interests-hint" class="hint">${t.interestsHint}</p>
          </div>
          <button class="btn btn-primary btn-large btn-block start" part="start-button" type="submit">
            ${mode === 'video' ? icons.video() : icons.text()} ${mode === 'video' ? t.startVideo : t.startText}
          </button>
        </form>
        ${p.termsNeeded
          ? html`<label class="terms-check" part="terms-accept">
              <input id="terms-check" type="checkbox" required aria-invalid="true" @change=${(e: Event) => (e.target as HTMLInputElement).checked && p.onAcceptTerms()} />
              <span>${t.termsAccept}</span>
            </label>`
          : nothing}
        <p class="terms" part="terms"><slot name="terms">${t.terms}</slot></p>
      </div>
    </section>
  `;
}
