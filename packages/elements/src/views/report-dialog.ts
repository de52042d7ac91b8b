import { html, type TemplateResult } from 'lit';
import { REPORT_REASONS, type ReportReason } from '@novu-chat/sdk';
import type { NovuStrings } from '../i18n/strings.js';
import { icons } from './icons.js';

/** How the report dialog closed: a reason, `block`, or `''` (cancelled). */
export type ReportChoice = ReportReason | 'block' | '';

/** Open the report dialog of the shadow root the button is in. */
function open(event: Event): void {
  const dialog = ((event.currentTarget as Element).getRootNode() as ParentNode).querySelector('dialog');
  if (!dialog) return;
  dialog.returnValue = '';
  dialog.showModal();
}

/** Keep Tab inside the dialog; keep its Escape from reaching the element's shortcut. */
function onKey(event: KeyboardEvent): void {
  // Escape closes the dialog (natively); it must not also arm "Esc twice skips".
  if (event.key === 'Escape') event.stopPropagation();
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const buttons = [...dialog.querySelectorAll('button')];
  const first = buttons[0];
  const last = buttons[buttons.length - 1];
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey ? active === first : active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }
}

/** The report/block control: on the stage (top corner) in video, in the toolbar in text. */
export function reportButton(t: NovuStrings): TemplateResult {
  return html`<button class="ctrl ctrl-report" part="report-button" type="button" aria-haspopup="dialog" aria-label=${t.report} title=${t.report} @click=${open}>
    ${icons.flag()}
  </button>`;
}

/**
 * The reason picker: a modal dialog (focus moves in, stays in, and returns; Escape closes). Its
 * buttons close it with a reason, `block`, or nothing as its return value.
 */
export function reportDialog(t: NovuStrings, onClose: (choice: ReportChoice) => void): TemplateResult {
  return html`
    <dialog class="card report-dialog" part="report-dialog" aria-labelledby="report-title" aria-describedby="report-lead"
      @close=${(event: Event) => onClose((event.target as HTMLDialogElement).returnValue as ReportChoice)} @keydown=${onKey}>
      <form method="dialog">
        <h2 id="report-title" class="heading">${t.report}</h2>
        <p id="report-lead" class="lead">${t.reportLead}</p>
        <div class="notice-actions">
          ${REPORT_REASONS.map(
            (reason, i) => html`<button class="btn btn-secondary" part="report-reason" value=${reason} ?autofocus=${!i}>${t[reason]}</button>`,
          )}
          <div class="notice-row">
            <button class="btn btn-danger" part="block-button" value="block">${t.block}</button>
            <button class="btn btn-ghost" value="">${t.cancel}</button>
          </div>
        </div>
      </form>
    </dialog>
  `;
}
