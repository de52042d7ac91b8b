// A complete vanilla-JS UI on @novu-chat/sdk: video or text, interests, chat, typing,
// next/stop, mute/camera toggles, device switching, live stats and reconnection notices.
import { NovuClient } from '/sdk/novu-sdk.min.js';

const $ = (id) => document.getElementById(id);
const server = new URLSearchParams(location.search).get('server') ?? 'http://localhost:3001';
const client = new NovuClient({ url: server });

function log(text, kind = 'them') {
  const li = document.createElement('li');
  li.className = kind;
  li.textContent = text;
  $('log').append(li);
  li.scrollIntoView({ block: 'end' });
}

client.on('state', (state) => {
  $('status').textContent = state;
  const running = state !== 'idle' && state !== 'error';
  $('start').disabled = running;
  $('stop').disabled = !running;
  $('next').disabled = state !== 'matched' && state !== 'partner-left';
  const chatting = state === 'matched';
  $('message').disabled = !chatting;
  $('send').querySelector('button').disabled = !chatting;
  if (state === 'searching') log('Looking for someone…', 'note');
  if (state === 'reconnecting') log('Connection lost, reconnecting…', 'note');
});
client.on('match', ({ commonInterests, mode }) => {
  $('log').replaceChildren();
  const shared = commonInterests.length ? ` You both like ${commonInterests.join(', ')}.` : '';
  log(`You are now chatting with a stranger (${mode}).${shared}`, 'note');
});
client.on('localStream', (stream) => {
  $('local').srcObject = stream;
  if (stream) void fillDevices();
});
client.on('remoteStream', (stream) => ($('remote').srcObject = stream));
client.on('message', ({ text }) => log(`Stranger: ${text}`));
client.on('typing', (typing) => ($('typing').hidden = !typing));
client.on('partnerLeft', ({ reason }) => log(`Stranger left (${reason}). Press Next for someone new.`, 'note'));
client.on('partnerReconnecting', () => log('Stranger’s connection dropped, waiting…', 'note'));
client.on('partnerReconnected', () => log('Stranger is back.', 'note'));
client.on('stats', ({ online, waiting }) => ($('stats').textContent = `${online} online, ${waiting} waiting`));
client.on('serverShutdown', () => log('The server is restarting; reconnecting shortly…', 'note'));
client.on('error', (error) => log(`Error: ${error.code} — ${error.message}`, 'note'));

$('start').onclick = async () => {
  const interests = $('interests').value.split(',').map((s) => s.trim()).filter(Boolean);
  const mode = document.querySelector('input[name=mode]:checked').value;
  try {
    await client.start({ interests, mode });
  } catch (error) {
    if (error.code === 'media_denied' || error.code === 'media_unavailable') {
      log('No camera: continuing in text mode.', 'note');
      await client.start({ interests, mode: 'text' }).catch(() => undefined);
    }
  }
};
$('next').onclick = () => client.next();
$('stop').onclick = () => client.stop();
$('mic').onchange = (e) => client.setMicEnabled(e.target.checked);
$('camera').onchange = (e) => client.setCameraEnabled(e.target.checked);
$('message').oninput = (e) => client.setTyping(e.target.value.length > 0);
$('send').onsubmit = async (e) => {
  e.preventDefault();
  const input = $('message');
  if (!input.value.trim()) return;
  try {
    const { text } = await client.sendMessage(input.value);
    log(`You: ${text}`, 'you');
    input.value = '';
  } catch (error) {
    log(`Not sent: ${error.code}`, 'note');
  }
};

async function fillDevices() {
  for (const [kind, select] of [['videoinput', $('cameras')], ['audioinput', $('mics')]]) {
    const current = client.localStream?.getTracks().find((t) => `${t.kind}input` === kind)?.getSettings().deviceId;
    select.replaceChildren(
      ...(await client.listDevices(kind)).map((d, i) => new Option(d.label || `${kind} ${i + 1}`, d.deviceId, false, d.deviceId === current)),
    );
    select.onchange = () => client.selectDevice(kind, select.value).catch((error) => log(`Could not switch: ${error.code}`, 'note'));
  }
}
