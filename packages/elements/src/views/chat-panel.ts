import { html, nothing, type TemplateResult } from 'lit';
import type { ChatLine } from '../controllers/chat-snapshot.js';
import { format, type NovuStrings } from '../i18n/strings.js';
import { icons } from './icons.js';

/** What the chat panel shows and does. */
export interface ChatPanelProps {
  t: NovuStrings;
  /** Messages can be written (the partner is here). */
  matched: boolean;
  lines: readonly ChatLine[];
  draft: string;
  partnerTyping: boolean;
  /** A short-lived error line (e.g. a message that could not be sent). */
  toast: string | null;
  onDraft(text: string): void;
  onSend(): void;
  onRetry(line: ChatLine): void;
  /** The message input gained (`true`) or lost the focus. */
  onComposerFocus(focused: boolean): void;
}

/** The chat's extra rows, which the text mode fills (the toolbar, the banner, the partner-left card). */
export interface ChatPanelSlots {
  /** Above the messages: the shared interests line, or (text) the toolbar with it. */
  head: TemplateResult;
  /** Between the head and the messages. */
  banner?: TemplateResult | typeof nothing;
  /** After the messages. */
  after?: TemplateResult | typeof nothing;
}

/** The shared interests line (or "no interests in common"). */
export function commonInterests(t: NovuStrings, common: readonly string[]): TemplateResult {
  return common.length
    ? html`<p class="common" part="common-interests">${icons.sparkle()}<span>${format(t.commonInterests, { interests: common.join(', ') })}</span></p>`
    : html`<p class="common muted">${t.noCommonInterests}</p>`;
}

function line(p: ChatPanelProps, item: ChatLine): TemplateResult {
  const { t } = p;
  if (item.from === 'system') {
    return html`<li class="msg system" aria-hidden="true"><span>${item.text}</span></li>`;
  }
  const me = item.from === 'me';
  return html`
    <li class="msg ${item.from} ${item.pending ? 'pending' : ''} ${item.failed ? 'failed' : ''}">
      <span class="sr-only">${me ? t.you : t.stranger}:</span>
      <p class="bubble">${item.text}</p>
      ${item.failed
        ? html`<button class="msg-retry" type="button" @click=${() => p.onRetry(item)}>${icons.alert()} ${t.messageFailed}</button>`
        : nothing}
    </li>
  `;
}

/** Tapping send leaves the focus (and the on-screen keyboard) in the message input. */
const keepFocus = (event: Event): void => event.preventDefault();

/** The conversation: messages (a live log), typing indicator, toast and composer. */
export function chatPanel(p: ChatPanelProps, { head, banner = nothing, after = nothing }: ChatPanelSlots): TemplateResult {
  const { t } = p;
  return html`
    <section class="chat" part="chat" aria-label=${t.messagesLabel}>
      ${head}
      ${banner}
      <ol class="messages" part="message-list" role="log" aria-live="polite" aria-relevant="additions" aria-label=${t.messagesLabel} tabindex="0">
        ${p.lines.length <= 1 ? html`<li class="msg system empty" aria-hidden="true"><span>${t.chatEmpty}</span></li>` : nothing}
        ${p.lines.map((item) => line(p, item))}
      </ol>
      ${after}
      <div class="typing ${p.partnerTyping ? 'shown' : ''}" part="typing-indicator" aria-hidden=${p.partnerTyping ? 'false' : 'true'}>
        ${p.partnerTyping ? html`<span class="dots"><i></i><i></i><i></i></span>${t.typing}` : nothing}
      </div>
      ${p.toast ? html`<p class="toast" role="alert">${p.toast}</p>` : nothing}
      <form class="composer" part="composer" @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        p.onSend();
      }}>
        <input
          class="composer-input"
          part="message-input"
          type="text"
          .value=${p.draft}
          maxlength="1000"
          autocomplete="off"
          enterkeyhint="send"
          aria-label=${t.messageLabel}
          placeholder=${t.messagePlaceholder}
          ?disabled=${!p.matched}
          @input=${(event: InputEvent) => p.onDraft((event.target as HTMLInputElement).value)}
          @focus=${() => p.onComposerFocus(true)}
          @blur=${() => p.onComposerFocus(false)}
        />
        <button class="btn btn-primary btn-icon send" part="send-button" type="submit" aria-label=${t.send} title=${t.send} ?disabled=${!p.matched || !p.draft.trim()} @mousedown=${keepFocus}>
          ${icons.send()}
        </button>
      </form>
    </section>
  `;
}
