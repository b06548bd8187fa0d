// The demo page: a token from /dev/token, the CES client, and a view of what it does.
import { CesClient } from './ces-client.js';

const $ = (id) => document.getElementById(id);
// What the page shows, also read by the browser tests (src/test/java/io/ces/it/browser).
const demo = { client: null, user: null, received: [], errors: [], recoveries: [] };
window.cesDemo = demo;

function log(text, kind = 'event') {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  $('log').append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function showAlert(message) {
  const alert = $('alert');
  alert.textContent = message;
  alert.hidden = false;
  demo.errors.push(message);
  log(message, 'problem');
}

function clearAlert() {
  $('alert').hidden = true;
  $('alert').textContent = '';
}

function showState(state) {
  const badge = $('state');
  badge.textContent = state;
  badge.className = `state state-${state}`;
  const open = state === 'open';
  for (const id of ['join-button', 'send-button', 'drop']) $(id).disabled = !open;
  $('disconnect').disabled = state === 'idle' || state === 'closed';
  $('connect').disabled = !($('disconnect').disabled);
}

function roomJoined(room) {
  if ([...$('send-room').options].some((option) => option.value === room)) return;
  const chip = document.createElement('li');
  chip.textContent = room;
  chip.dataset.room = room;
  $('joined').append(chip);
  const option = document.createElement('option');
  option.value = option.textContent = room;
  $('send-room').append(option);
}

function onEvent(event, frame) {
  const text = event.data && typeof event.data.text === 'string' ? event.data.text : JSON.stringify(event.data);
  const from = event.data && event.data.from ? event.data.from : event.source;
  demo.received.push({ room: frame.room, seq: frame.seq, id: event.id, text });
  log(`[${frame.room}] ${from}: ${text}  (seq ${frame.seq})`);
}

async function join(room) {
  try {
    await demo.client.subscribe(room, onEvent);
    roomJoined(room);
    log(`joined ${room}`, 'system');
  } catch (error) {
    showAlert(`Cannot join ${room}: ${error.message} (${error.code})`);
  }
}

async function mintToken(user, rooms) {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: user, rooms }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 404) throw new Error('demo tokens are switched off on this server (ces.dev.enabled=false)');
  if (!response.ok) throw new Error(body.detail || `POST /dev/token answered ${response.status}`);
  return body.token;
}

$('signin').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  clearAlert();
  const user = $('user').value.trim();
  const rooms = $('rooms').value.split(',').map((room) => room.trim()).filter(Boolean);
  try {
    const token = await mintToken(user, rooms);
    const client = new CesClient({ token });
    demo.client = client;
    demo.user = user;
    client.on('state', ({ state }) => { showState(state); log(`connection ${state}`, 'system'); });
    client.on('reconnecting', ({ attempt, delayMs }) => log(`reconnect attempt ${attempt} in ${delayMs} ms`, 'system'));
    client.on('resumed', () => log('resumed the session; missed messages follow', 'system'));
    client.on('recovery', (outcome) => {
      demo.recoveries.push(outcome);
      log(`recovered ${outcome.room || outcome.target}: ${outcome.replayed ?? 0} missed message(s)`, 'system');
    });
    client.on('gap', (outcome) => showAlert(`Some messages of ${outcome.room || outcome.target} could not be recovered; reload to see them.`));
    client.on('error', (error) => showAlert(`${error.message} (${error.code})`));
    await client.connect();
    log(`connected as ${user}, session ${client.sessionId}`, 'system');
    for (const room of rooms.filter((room) => !/[*?]/.test(room))) await join(room);
  } catch (error) {
    showAlert(`Cannot connect: ${error.message}`);
    showState('closed');
  }
});

$('disconnect').addEventListener('click', () => demo.client?.close());

$('join').addEventListener('submit', (submit) => {
  submit.preventDefault();
  clearAlert();
  const room = $('join-room').value.trim();
  if (room) join(room);
});

$('send').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  clearAlert();
  const room = $('send-room').value;
  const text = $('text').value;
  try {
    await demo.client.publish(room, 'chat.message', { text, from: demo.user });
    $('text').value = '';
  } catch (error) {
    showAlert(`Not sent: ${error.message}${error.retryAfter ? ` (retry in ${error.retryAfter} s)` : ''}`);
  }
});

$('drop').addEventListener('click', () => {
  log('dropping the connection as a network failure would', 'system');
  demo.client.simulateNetworkDrop();
});

showState('idle');
