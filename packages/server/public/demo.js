// A minimal text-chat demo speaking the Novu Chat protocol directly over Socket.IO.
// The <novu-chat> element replaces it with the full video experience.
/* global io */
(() => {
  const $ = (id) => document.getElementById(id);
  const clientId = sessionStorage.getItem('novu-demo-id') ?? crypto.randomUUID().replaceAll('-', '');
  sessionStorage.setItem('novu-demo-id', clientId);
  const socket = io({ auth: { v: 1, clientId }, transports: ['websocket'] });
  let interests = [];
  let inRoom = false;
  let typingTimer;

  const setStatus = (text) => { $('status').textContent = text; };
  const addLine = (text, who) => {
    const li = document.createElement('li');
    li.className = who;
    li.textContent = text;
    $('messages').append(li);
    li.scrollIntoView({ block: 'end' });
  };
  const setChatting = (on) => {
    inRoom = on;
    $('text').disabled = !on;
    $('send').disabled = !on;
    if (on) $('text').focus();
  };
  const join = () => {
    setChatting(false);
    $('typing').hidden = true;
    setStatus('Looking for someone to chat with…');
    socket.emit('queue:join', { interests, mode: 'text' }, (res) => {
      if (!res.ok) setStatus(`Could not join: ${res.error.message}`);
    });
    $('next').disabled = false;
    $('stop').disabled = false;
  };

  $('start-form').addEventListener('submit', (event) => {
    event.preventDefault();
    interests = $('interests').value.split(',').map((s) => s.trim()).filter(Boolean);
    $('messages').replaceChildren();
    join();
  });
  $('send-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('text').value;
    if (!text.trim() || !inRoom) return;
    socket.emit('chat:message', { text }, (res) => {
      if (res.ok) { addLine(text.trim(), 'me'); $('text').value = ''; }
      else addLine(`Not sent: ${res.error.message}`, 'notice');
    });
  });
  $('text').addEventListener('input', () => {
    if (!inRoom) return;
    if (!typingTimer) socket.emit('chat:typing', { typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typingTimer = undefined; socket.emit('chat:typing', { typing: false }); }, 1500);
  });
  $('next').addEventListener('click', () => { addLine('You skipped.', 'notice'); join(); });
  $('stop').addEventListener('click', () => {
    socket.emit(inRoom ? 'room:leave' : 'queue:leave');
    setChatting(false);
    $('next').disabled = true;
    $('stop').disabled = true;
    setStatus('Stopped. Press Start to chat again.');
  });

  socket.on('stats', ({ online, waiting }) => { $('online').textContent = online; $('waiting').textContent = waiting; });
  socket.on('match:found', ({ commonInterests }) => {
    setChatting(true);
    $('messages').replaceChildren();
    setStatus(commonInterests.length ? `Connected — you both like ${commonInterests.join(', ')}.` : 'Connected to a stranger. Say hi!');
  });
  socket.on('chat:message', ({ text }) => { $('typing').hidden = true; addLine(text, 'partner'); });
  socket.on('chat:typing', ({ typing }) => { $('typing').hidden = !typing; });
  socket.on('partner:left', () => {
    setChatting(false);
    $('typing').hidden = true;
    setStatus('The stranger left. Press Next to meet someone new.');
  });
  socket.on('partner:reconnecting', () => setStatus('The stranger’s connection dropped; waiting for them…'));
  socket.on('partner:reconnected', () => setStatus('The stranger is back.'));
  socket.on('server:shutdown', () => setStatus('The server is restarting…'));
  socket.on('connect_error', (err) => setStatus(`Cannot connect: ${err.data?.code ?? err.message}`));
})();
