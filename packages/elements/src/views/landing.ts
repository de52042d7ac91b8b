import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../i18n/strings.js';
import type { ViewContext } from './context.js';
import { icons } from './icons.js';

function onInterestKey(ctx: ViewContext, event: KeyboardEvent): void {
  const input = event.target as HTMLInputElement;
  if (event.key === 'Enter' || event.key === ',') {
    if (!input.value.trim()) return; // Enter on an empty input submits the form (starts)
    event.preventDefault();
    ctx.actions.addInterest(input.value);
    input.value = '';
  } else if (event.key === 'Backspace' && input.value === '' && ctx.interests.length) {
    ctx.actions.removeInterest(ctx.interests[ctx.interests.length - 1] ?? '');
  }
}

function onInterestInput(ctx: ViewContext, event: Event): void {
  // Pasted "a, b, c" (or a comma typed on a virtual keyboard that sends no key events).
  const input = event.target as HTMLInputElement;
  if (!input.value.includes(',')) return;
  const parts = input.value.split(',');
  const rest = parts.pop() ?? '';
  for (const part of parts) ctx.actions.addInterest(part);
  input.value = rest.trimStart();
}

function onInterestBlur(ctx: ViewContext, event: FocusEvent): void {
  const input = event.target as HTMLInputElement;
  if (input.value.trim()) {
    ctx.actions.addInterest(input.value);
    input.value = '';
  }
}

function onSubmit(ctx: ViewContext, event: SubmitEvent): void {
  event.preventDefault();
  if (ctx.termsNeeded) {
    // The server refuses until the terms are accepted: the checkbox (which retries) comes first.
    ((event.target as Element).getRootNode() as ShadowRoot).getElementById('terms-check')?.focus();
    return;
  }
  const input = (event.target as HTMLFormElement).querySelector<HTMLInputElement>('#interest-input');
  if (input?.value.trim()) {
    ctx.actions.addInterest(input.value);
    input.value = '';
  }
  ctx.actions.start();
}

/** The landing view: mode choice, interests, start, terms. */
export function landingView(ctx: ViewContext): TemplateResult {
  const { t, mode } = ctx;
  const option = (value: 'video' | 'text', label: string, hint: string, icon: TemplateResult | ReturnType<typeof icons.video>) => html`
    <label class="mode-option">
      <input class="sr-only" type="radio" name="mode" value=${value} .checked=${mode === value} @change=${() => ctx.actions.setMode(value)} />
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
        <form class="landing-form" @submit=${(e: SubmitEvent) => onSubmit(ctx, e)} novalidate>
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
              ${ctx.interests.length
                ? html`<ul class="chips" aria-label=${t.interestsLabel}>
                    ${ctx.interests.map(
                      (interest) => html`<li class="chip">
                        <span class="chip-text">${interest}</span>
                        <button type="button" aria-label=${format(t.removeInterest, { interest })} @click=${() => ctx.actions.removeInterest(interest)}>
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
                @keydown=${(e: KeyboardEvent) => onInterestKey(ctx, e)}
                @input=${(e: Event) => onInterestInput(ctx, e)}
                @blur=${(e: FocusEvent) => onInterestBlur(ctx, e)}
              />
            </div>
            <p id="interests-hint" class="hint">${t.interestsHint}</p>
          </div>
          <button class="btn btn-primary btn-large btn-block start" part="start-button" type="submit">
            ${mode === 'video' ? icons.video() : icons.text()} ${mode === 'video' ? t.startVideo : t.startText}
          </button>
        </form>
        ${ctx.termsNeeded
          ? html`<label class="terms-check" part="terms-accept">
              <input id="terms-check" type="checkbox" required aria-invalid="true" @change=${(e: Event) => (e.target as HTMLInputElement).checked && ctx.actions.acceptTerms()} />
              <span>${t.termsAccept}</span>
            </label>`
          : nothing}
        <p class="terms" part="terms"><slot name="terms">${t.terms}</slot></p>
      </div>
    </section>
  `;
}
