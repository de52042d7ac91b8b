import type { AdmissionCheck } from '../admission.js';
import { banAdmission } from '../moderation/ban-list.js';
import { captchaAdmission, termsAdmission } from '../moderation/bot-defence.js';
import { Moderation } from '../moderation/moderation.js';
import { ReportWebhook } from '../moderation/report-webhook.js';
import type { ModerationTelemetry } from '../telemetry.js';
import type { Foundation } from './foundation.js';
import type { NovuServerWiring } from './server-wiring.js';
import type { Stores } from './stores.js';

/** Reports, blocks and bans, and the admission checks every new connection passes. */
export interface ModerationParts {
  moderation: Moderation;
  /** The report webhook (`REPORT_WEBHOOK_URL`), closed on shutdown. */
  webhook: ReportWebhook | undefined;
  /** Sites, bans, terms, captcha, then the wired-in checks, in that order. */
  admission: AdmissionCheck[];
}

/** Build moderation on the stores; `clients` disconnects the banned, `telemetry` counts reports and bans. */
export function buildModeration(
  { options, log, sites }: Foundation,
  { bans, reports, matchmaker }: Stores,
  clients: { disconnectClients(match: { clientKey?: string; ipKey?: string }): Promise<number> },
  telemetry: readonly ModerationTelemetry[],
  wiring: NovuServerWiring,
): ModerationParts {
  const webhook = options.reportWebhookUrl !== undefined ? new ReportWebhook({ url: options.reportWebhookUrl, log, secret: options.reportWebhookSecret, dedupeWindowMs: options.reportWindowMs }) : undefined;
  const moderation = new Moderation({ bans, reports, matchmaker, settings: options, log, webhook, clients, telemetry });
  const admission: AdmissionCheck[] = [
    ...(sites ? [sites.admission()] : []),
    banAdmission(bans),
    termsAdmission((siteKey) => sites?.requiresTerms(siteKey, options.requireTerms) ?? options.requireTerms),
    ...(wiring.captchaVerifier ? [captchaAdmission(wiring.captchaVerifier, log)] : []),
    ...(wiring.admission ?? []),
  ];
  return { moderation, webhook, admission };
}
