/**
 * `<novu-admin>`: the Novu Chat operators' dashboard. Signs in with the admin token (kept in
 * sessionStorage), receives live snapshots over the Socket.IO namespace `/admin`, and ends rooms,
 * bans and lifts bans with acknowledged events. It never shows an IP address or message text:
 * members are opaque keyed hashes.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { io, type Socket } from 'socket.io-client';
import type { AdminSnapshot, BanView, RoomMemberView, RoomView } from '@novu-chat/server';
import { count, mebibytes, span, waitTime, when } from './format.js';

const TOKEN_KEY = 'novu-admin-token';

/** Ban durations offered. */
const DURATIONS: { label: string; ms: number }[] = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '24 hours', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: '30 days', ms: 30 * 86_400_000 },
];

type Ack = { ok: true; disconnected?: number } | { ok: false; error: { code: string; message: string } };
type Phase = 'signed-out' | 'connecting' | 'live' | 'reconnecting';

/** Who is about to be banned. */
interface BanTarget {
  roomId: string;
  label: string;
  member: RoomMemberView;
}

/** The dashboard element. */
@customElement('novu-admin')
export class NovuAdmin extends LitElement {
  @state() accessor phase: Phase = 'signed-out';
  @state() accessor signInError = '';
  @state() accessor snapshot: AdminSnapshot | undefined;
  @state() accessor notice = '';
  @state() accessor banTarget: BanTarget | undefined;
  @state() accessor busy = false;
  @query('#ban-dialog') accessor banDialog!: HTMLDialogElement;
  @query('#token') accessor tokenInput!: HTMLInputElement;

  #socket: Socket | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) this.#connect(saved);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#socket?.disconnect();
  }

  #connect(token: string): void {
    this.#socket?.disconnect();
    this.phase = 'connecting';
    this.signInError = '';
    const socket = io('/admin', { auth: { token }, transports: ['websocket'] });
    this.#socket = socket;
    socket.on('connect', () => {
      sessionStorage.setItem(TOKEN_KEY, token);
      this.phase = 'live';
    });
    socket.on('snapshot', (snapshot: AdminSnapshot) => {
      this.snapshot = snapshot;
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'unauthorized') {
        sessionStorage.removeItem(TOKEN_KEY);
        socket.disconnect();
        this.#socket = undefined;
        this.phase = 'signed-out';
        this.snapshot = undefined;
        this.signInError = 'That token was not accepted. Check ADMIN_TOKEN and try again.';
      } else {
        this.phase = 'reconnecting';
      }
    });
    socket.on('disconnect', () => {
      if (this.#socket === socket) this.phase = 'reconnecting';
    });
  }

  #signIn(event: SubmitEvent): void {
    event.preventDefault();
    const token = this.tokenInput.value.trim();
    if (!token) {
      this.signInError = 'Enter the admin token.';
      return;
    }
    this.#connect(token);
  }

  #signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.#socket?.disconnect();
    this.#socket = undefined;
    this.snapshot = undefined;
    this.notice = '';
    this.phase = 'signed-out';
  }

  async #act(event: string, payload: object, done: (ack: Ack) => string): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    this.busy = true;
    try {
      const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack;
      this.notice = ack.ok ? done(ack) : `Not done: ${ack.error.message}`;
    } catch {
      this.notice = 'Not done: the server did not answer.';
    } finally {
      this.busy = false;
    }
  }

  #endRoom(room: RoomView): void {
    void this.#act('room:end', { roomId: room.id }, () => `Room ${room.id.slice(0, 8)} ended. Both members were told.`);
  }

  #askBan(room: RoomView, index: number): void {
    const member = room.members[index];
    if (!member) return;
    this.banTarget = { roomId: room.id, label: `member ${index === 0 ? 'A' : 'B'} (${member.handle}) of room ${room.id.slice(0, 8)}`, member };
    void this.updateComplete.then(() => this.banDialog.showModal());
  }

  #confirmBan(event: SubmitEvent): void {
    event.preventDefault();
    const target = this.banTarget;
    if (!target) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const durationMs = Number(data.get('duration'));
    const note = String(data.get('note') ?? '').trim();
    const payload: Record<string, unknown> = { clientKey: target.member.clientKey, durationMs };
    if (target.member.ipKey) payload.ipKey = target.member.ipKey;
    if (note) payload.note = note;
    this.banDialog.close();
    this.banTarget = undefined;
    form.reset();
    void this.#act('ban:add', payload, (ack) => {
      const kicked = ack.ok ? ack.disconnected ?? 0 : 0;
      return `Banned ${target.label} for ${span(durationMs)}; ${kicked} connection${kicked === 1 ? '' : 's'} closed.`;
    });
  }

  #cancelBan(): void {
    this.banDialog.close();
    this.banTarget = undefined;
  }

  #lift(ban: BanView): void {
    void this.#act('ban:lift', { id: ban.id }, () => `Ban on ${ban.kind} ${ban.handle} lifted.`);
  }

  override render(): TemplateResult {
    return html`
      <header>
        <h1><span class="brand">Novu Chat</span> admin</h1>
        ${this.phase === 'signed-out' ? nothing : html`
          <span class="pill ${this.phase}" role="status">${PHASE_LABEL[this.phase]}</span>
          <button class="quiet" id="sign-out" @click=${() => this.#signOut()}>Sign out</button>`}
      </header>
      <main>
        ${this.phase === 'signed-out' ? this.#renderSignIn() : this.#renderDashboard()}
      </main>
      ${this.#renderBanDialog()}
    `;
  }

  #renderSignIn(): TemplateResult {
    return html`
      <form class="sign-in card" @submit=${(e: SubmitEvent) => this.#signIn(e)}>
        <h2>Sign in</h2>
        <p class="muted">Use the server's <code>ADMIN_TOKEN</code>. It stays in this tab only.</p>
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" spellcheck="false" required
          aria-describedby="sign-in-error">
        <p id="sign-in-error" class="error" role="alert">${this.signInError}</p>
        <button id="sign-in" type="submit">Sign in</button>
      </form>`;
  }

  #renderDashboard(): TemplateResult {
    const s = this.snapshot;
    if (!s) return html`<p class="muted loading">Waiting for the first numbers…</p>`;
    const { live, activity } = s;
    return html`
      <p class="notice" role="status" aria-live="polite">${this.notice}</p>
      <section aria-labelledby="now-h">
        <h2 id="now-h">Now</h2>
        <div class="cards">
          ${stat('online', 'Online', count(live.online))}
          ${stat('waiting', 'Waiting', count(live.waiting), `video ${count(live.waitingByMode.video)} · text ${count(live.waitingByMode.text)}`)}
          ${stat('rooms', 'Active rooms', count(live.rooms))}
          ${stat('matches', 'Matches / min', count(activity.perMinute.matches), `${count(activity.totals.matches)} in all`)}
          ${stat('messages', 'Messages / min', count(activity.perMinute.messages), `${count(activity.totals.messages)} in all`)}
          ${stat('wait-avg', 'Average wait', waitTime(activity.wait.avgMs), `${count(activity.wait.samples)} matches, last ${span(activity.wait.windowMs)}`)}
          ${stat('wait-p95', 'p95 wait', waitTime(activity.wait.p95Ms))}
          ${stat('rate-limited', 'Rate-limited / min', count(activity.perMinute.rateLimited), `${count(activity.totals.rateLimited)} in all`)}
          ${stat('reports', 'Reports / min', count(activity.perMinute.reports), `${count(activity.totals.reports)} in all`)}
          ${stat('bans', 'Bans in force', count(s.activeBans), `${count(activity.totals.bans)} made`)}
        </div>
      </section>

      <section aria-labelledby="interests-h">
        <h2 id="interests-h">Top interests <span class="muted small">(last 5–10 min)</span></h2>
        ${activity.topInterests.length === 0
          ? html`<p class="muted">No interests yet.</p>`
          : html`<ol class="chips">${activity.topInterests.map((i) => html`<li><span>${i.interest}</span> <b>${count(i.count)}</b></li>`)}</ol>`}
      </section>

      <section aria-labelledby="rooms-h">
        <h2 id="rooms-h">Rooms</h2>
        ${s.rooms.length === 0 ? html`<p class="muted" id="no-rooms">No open rooms.</p>` : html`
          <div class="table-wrap"><table id="rooms">
            <caption class="sr-only">Open rooms, oldest first. Members are shown as opaque handles.</caption>
            <thead><tr><th scope="col">Room</th><th scope="col">Mode</th><th scope="col">Open for</th>
              <th scope="col">Member A</th><th scope="col">Member B</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>${s.rooms.map((room) => this.#roomRow(room, s.at))}</tbody>
          </table></div>`}
      </section>

      <section aria-labelledby="bans-h">
        <h2 id="bans-h">Bans</h2>
        ${s.bans.length === 0 ? html`<p class="muted" id="no-bans">No bans in force.</p>` : html`
          <div class="table-wrap"><table id="bans">
            <caption class="sr-only">Bans in force, soonest to run out first.</caption>
            <thead><tr><th scope="col">Kind</th><th scope="col">Handle</th><th scope="col">Until</th><th scope="col">Left</th>
              <th scope="col">Note</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>${s.bans.map((ban) => html`
              <tr data-ban=${ban.id}>
                <td>${ban.kind === 'client' ? 'Client' : 'IP (hashed)'}</td>
                <td><code>${ban.handle}</code></td>
                <td>${when(ban.until)}</td>
                <td>${span(ban.until - s.at)}</td>
                <td class="note">${ban.note ?? ''}</td>
                <td class="actions"><button class="quiet lift" ?disabled=${this.busy} @click=${() => this.#lift(ban)}
                  aria-label="Lift the ban on ${ban.kind} ${ban.handle}">Lift</button></td>
              </tr>`)}</tbody>
          </table></div>`}
      </section>

      <section aria-labelledby="processes-h">
        <h2 id="processes-h">Processes</h2>
        <div class="table-wrap"><table id="processes">
          <thead><tr><th scope="col">Process</th><th scope="col">Up</th><th scope="col">Connections</th>
            <th scope="col">Matches / min</th><th scope="col">Memory</th><th scope="col">State</th></tr></thead>
          <tbody>${s.processes.map((p) => html`
            <tr><td><code>${p.id}</code></td><td>${span(p.uptimeSeconds * 1000)}</td><td>${count(p.connections)}</td>
              <td>${count(p.activity.perMinute.matches)}</td><td>${mebibytes(p.rssBytes)}</td>
              <td>${p.draining ? 'draining' : 'serving'}</td></tr>`)}</tbody>
        </table></div>
      </section>
      <p class="muted small privacy">No IP addresses or message text are shown here: members are keyed hashes.</p>
    `;
  }

  #roomRow(room: RoomView, now: number): TemplateResult {
    const short = room.id.slice(0, 8);
    return html`
      <tr data-room=${room.id}>
        <td><code>${short}</code></td>
        <td>${room.mode}</td>
        <td>${span(now - room.createdAt)}</td>
        ${room.members.map((m, i) => html`
          <td><code>${m.handle}</code>
            <button class="quiet ban" data-member=${i} ?disabled=${this.busy} @click=${() => this.#askBan(room, i)}
              aria-label="Ban member ${i === 0 ? 'A' : 'B'} of room ${short}">Ban</button></td>`)}
        <td class="actions"><button class="danger end" ?disabled=${this.busy} @click=${() => this.#endRoom(room)}
          aria-label="End room ${short}">End room</button></td>
      </tr>`;
  }

  #renderBanDialog(): TemplateResult {
    return html`
      <dialog id="ban-dialog" aria-labelledby="ban-h" @cancel=${() => { this.banTarget = undefined; }}>
        <form @submit=${(e: SubmitEvent) => this.#confirmBan(e)}>
          <h2 id="ban-h">Ban ${this.banTarget?.label ?? ''}</h2>
          <p class="muted">Bans the hashed client id and the hashed IP. Their connections close now and
            new ones are refused until the ban runs out or is lifted.</p>
          <label for="ban-duration">For</label>
          <select id="ban-duration" name="duration">
            ${DURATIONS.map((d, i) => html`<option value=${d.ms} ?selected=${i === 1}>${d.label}</option>`)}
          </select>
          <label for="ban-note">Note <span class="muted small">(optional, for operators)</span></label>
          <input id="ban-note" name="note" maxlength="200" autocomplete="off">
          <div class="buttons">
            <button type="button" class="quiet" @click=${() => this.#cancelBan()}>Cancel</button>
            <button type="submit" class="danger" id="ban-confirm">Ban</button>
          </div>
        </form>
      </dialog>`;
  }

  static override styles = css`
    :host {
      --bg: #f5f6f8; --card: #ffffff; --fg: #1c2330; --muted: #5d6778; --line: #dde1e8;
      --accent: #3559c7; --accent-fg: #ffffff; --danger: #b42318; --ok: #1f7a4d; --warn: #9a6200;
      display: block; min-height: 100vh; background: var(--bg); color: var(--fg);
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --bg: #11151c; --card: #1a2029; --fg: #e4e8ef; --muted: #9aa4b5; --line: #2c3440;
        --accent: #7f9cf5; --accent-fg: #0d1117; --danger: #f97066; --ok: #4ade80; --warn: #fbbf24;
      }
    }
    header {
      display: flex; align-items: center; gap: 0.75rem; padding: 0.9rem clamp(1rem, 3vw, 2rem);
      border-bottom: 1px solid var(--line); background: var(--card);
    }
    h1 { font-size: 1.1rem; margin: 0 auto 0 0; font-weight: 600; }
    .brand { color: var(--accent); }
    h2 { font-size: 1rem; margin: 1.6rem 0 0.6rem; font-weight: 600; }
    main { padding: 0 clamp(1rem, 3vw, 2rem) 2rem; max-width: 1200px; margin: 0 auto; }
    .muted { color: var(--muted); }
    .small { font-size: 0.85em; font-weight: normal; }
    code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
    .sign-in { max-width: 24rem; margin: 4rem auto; padding: 1.5rem; display: grid; gap: 0.5rem; }
    .sign-in h2 { margin: 0; }
    label { font-weight: 500; font-size: 0.9rem; }
    input, select {
      font: inherit; padding: 0.5rem 0.6rem; border-radius: 6px; border: 1px solid var(--line);
      background: var(--bg); color: var(--fg);
    }
    input:focus-visible, select:focus-visible, button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
    button {
      font: inherit; font-weight: 500; cursor: pointer; border-radius: 6px; padding: 0.45rem 0.9rem;
      border: 1px solid var(--accent); background: var(--accent); color: var(--accent-fg);
    }
    button:disabled { opacity: 0.55; cursor: progress; }
    button.quiet { background: transparent; color: var(--fg); border-color: var(--line); }
    button.danger { background: transparent; color: var(--danger); border-color: var(--danger); }
    button.ban { padding: 0.1rem 0.5rem; margin-left: 0.4rem; font-size: 0.85rem; }
    .error { color: var(--danger); min-height: 1.4em; margin: 0; font-size: 0.9rem; }
    .pill { font-size: 0.8rem; padding: 0.15rem 0.6rem; border-radius: 999px; border: 1px solid currentColor; }
    .pill.live { color: var(--ok); }
    .pill.connecting, .pill.reconnecting { color: var(--warn); }
    .notice { min-height: 1.5em; margin: 1rem 0 0; color: var(--muted); }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: 0.75rem; }
    .stat { padding: 0.8rem 1rem; }
    .stat .label { font-size: 0.85rem; color: var(--muted); }
    .stat .value { font-size: 1.6rem; font-weight: 600; font-variant-numeric: tabular-nums; line-height: 1.3; }
    .stat .sub { font-size: 0.8rem; color: var(--muted); }
    .chips { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
    .chips li { background: var(--card); border: 1px solid var(--line); border-radius: 999px; padding: 0.15rem 0.7rem; font-size: 0.9rem; }
    .chips b { color: var(--muted); font-weight: 500; margin-left: 0.2rem; }
    .table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
    table { border-collapse: collapse; width: 100%; font-size: 0.92rem; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: 0.5rem 0.8rem; border-bottom: 1px solid var(--line); white-space: nowrap; }
    th { font-weight: 500; color: var(--muted); font-size: 0.85rem; }
    tbody tr:last-child td { border-bottom: none; }
    td.actions { text-align: right; }
    td.note { white-space: normal; max-width: 16rem; overflow-wrap: anywhere; }
    dialog {
      border: 1px solid var(--line); border-radius: 10px; background: var(--card); color: var(--fg);
      padding: 1.25rem 1.5rem; width: min(28rem, calc(100vw - 2rem));
    }
    dialog::backdrop { background: rgb(0 0 0 / 0.4); }
    dialog form { display: grid; gap: 0.5rem; }
    dialog h2 { margin: 0; }
    .buttons { display: flex; justify-content: flex-end; gap: 0.5rem; margin-top: 0.75rem; }
    .privacy { margin-top: 2rem; }
    .loading { margin-top: 3rem; text-align: center; }
    .sr-only {
      position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
      clip: rect(0 0 0 0); white-space: nowrap; border: 0;
    }
  `;
}

const PHASE_LABEL: Record<Phase, string> = {
  'signed-out': 'Signed out',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

function stat(id: string, label: string, value: string, sub?: string): TemplateResult {
  return html`
    <div class="card stat" data-stat=${id}>
      <div class="label">${label}</div>
      <div class="value">${value}</div>
      ${sub ? html`<div class="sub">${sub}</div>` : nothing}
    </div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'novu-admin': NovuAdmin;
  }
}
