// CES JavaScript client: a dependency-free ES module for browsers (docs/client.md).
// It registers a session with the token (POST /api/sessions), which also sets the ces_token cookie that
// authenticates the WebSocket, then keeps the socket alive: pings, reconnects with exponential backoff and jitter,
// and resumes with the last seq of every stream so that nothing is lost or repeated across drops.

/** An error with a machine-readable code: a server error frame's code, a problem type, or one of the client's. */
export class CesError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'CesError';
    this.code = code;
    Object.assign(this, details);
  }
}

/** The delay before reconnect attempt `attempt` (0-based): exponential, capped, with a random part of `jitter`. */
export function backoffDelay(attempt, { initialDelayMs = 500, maxDelayMs = 15000, jitter = 0.5 } = {}, random = Math.random) {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * random());
}

const STATES = ['idle', 'connecting', 'open', 'reconnecting', 'closed'];
/** CES relays one typing signal every 2 s on average per session (ces.rate-limit.typing.*); sending more is waste. */
const TYPING_INTERVAL_MS = 2000;
/** Close codes after which reconnecting would not help (docs/protocol.md, Close codes). */
const FINAL_CLOSES = new Map([
  [4000, ['session-closed', 'the session was closed through the REST API']],
  [4002, ['replaced', 'another connection took this session over']],
]);

export class CesClient {
  #options;
  #listeners = new Map();
  #rooms = new Map(); // room -> { handlers: Set, position: number|null, acked: number|null, ackAfterHandling }
  #pending = new Map(); // frame id -> { resolve, reject }
  #followed = new Set(); // rooms whose presence this client follows
  #typingSentAt = new Map(); // room -> when the last typing signal was sent (ms)
  #nextId = 1;
  #state = 'idle';
  #ws = null;
  #wsBase = null;
  #session = null;
  #resumeToken = null;
  #sessionSeq = null;
  #userSeq = null;
  #attempt = 0;
  #retryTimer = null;
  #pingTimer = null;
  #lastFrameAt = 0;
  #heartbeatMs = 30000;
  #reregister = false;
  #connectWaiter = null;
  #onlineListener = () => this.#online();
  #offlineListener = () => this.#offline();

  /**
   * @param {object} options
   * @param {string} options.token the MP-JWT (sent as Bearer to the REST API; the WebSocket gets it as a cookie)
   * @param {string} [options.baseUrl] CES's http(s) origin; default: the page's
   * @param {object} [options.reconnect] { initialDelayMs: 500, maxDelayMs: 15000, jitter: 0.5 }
   * @param {boolean} [options.batch] receive frames that wait for the socket as one JSON array (`/ws?batch=true`,
   *   docs/protocol.md); default true. The client unpacks them; listeners see single frames either way.
   */
  constructor(options) {
    if (!options || typeof options.token !== 'string' || options.token === '') {
      throw new CesError('bad-options', 'a token is required: new CesClient({ token })');
    }
    this.#options = {
      baseUrl: globalThis.location ? globalThis.location.origin : undefined,
      reconnect: {},
      batch: true,
      ...options,
    };
    this.#options.reconnect = { initialDelayMs: 500, maxDelayMs: 15000, jitter: 0.5, ...options.reconnect };
    if (!this.#options.baseUrl) {
      throw new CesError('bad-options', 'baseUrl is required outside a browser page');
    }
  }

  /** 'idle', 'connecting', 'open', 'reconnecting' or 'closed'. */
  get state() { return this.#state; }

  /** The session id, once welcomed. */
  get sessionId() { return this.#session; }

  /** The last seq received of every stream: what a resume continues after. */
  get positions() {
    const rooms = {};
    for (const [room, entry] of this.#rooms) {
      if (entry.position !== null) rooms[room] = entry.position;
    }
    return { rooms, sessionSeq: this.#sessionSeq, userSeq: this.#userSeq };
  }

  /** Adds a listener; returns a function that removes it. */
  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  /** Registers a session and opens the socket; resolves with the welcome frame. */
  async connect() {
    if (this.#state === 'open') return { session: this.#session };
    if (this.#state === 'connecting' || this.#state === 'reconnecting') {
      throw new CesError('already-connecting', 'connect() was called while connecting');
    }
    this.#setState('connecting');
    let registration;
    try {
      registration = await this.#register();
    } catch (error) {
      this.#setState('closed');
      throw error;
    }
    this.#wsBase = registration.wsUrl.replace(/\?.*$/, '');
    globalThis.addEventListener?.('online', this.#onlineListener);
    globalThis.addEventListener?.('offline', this.#offlineListener);
    return new Promise((resolve, reject) => {
      this.#connectWaiter = { resolve, reject };
      this.#open(registration.wsUrl, 'fresh');
    });
  }

  /**
   * Subscribes to a room; `handler` gets every message of it. Resolves once CES confirmed; rejects with a CesError
   * (code 'forbidden' when the token does not grant the room). Called before connect() or while reconnecting, the
   * subscription is made as soon as the socket is open.
   *
   * With { ackAfterHandling: true } (for rooms CES delivers at least once, docs/client.md), the client acks each
   * message once every handler returned (or the promise it returned resolved). A handler that throws (or rejects)
   * leaves the message unacknowledged, and the room's acks stop until the next resume, which delivers it again with
   * everything after it (acks are cumulative).
   */
  subscribe(room, handler, { ackAfterHandling = false } = {}) {
    let entry = this.#rooms.get(room);
    const isNew = !entry;
    if (isNew) {
      entry = { handlers: new Set(), position: null, acked: null, ackAfterHandling: false };
      this.#rooms.set(room, entry);
    }
    if (ackAfterHandling) entry.ackAfterHandling = true;
    if (handler) entry.handlers.add(handler);
    if (this.#state !== 'open') {
      return new Promise((resolve, reject) => { entry.waiting = { resolve, reject }; });
    }
    if (!isNew && entry.confirmed) return Promise.resolve({ room });
    return this.#request({ type: 'subscribe', room }).then((frame) => {
      entry.confirmed = true;
      return frame;
    }, (error) => {
      this.#rooms.delete(room);
      throw error;
    });
  }

  /** Leaves a room, or only removes `handler` from it while other handlers remain. */
  async unsubscribe(room, handler) {
    const entry = this.#rooms.get(room);
    if (!entry) return;
    if (handler) {
      entry.handlers.delete(handler);
      if (entry.handlers.size > 0) return;
    }
    this.#rooms.delete(room);
    if (this.#state === 'open') await this.#request({ type: 'unsubscribe', room });
  }

  /**
   * Publishes an event to a room through POST /api/rooms/{room}/events. Resolves with CES's receipt
   * ({ id, room, topic, partition, offset }) once Kafka acknowledged it. The id is generated here unless given,
   * so that retrying a failed publish with the same id delivers the event once.
   */
  async publish(room, type, data, { id = globalThis.crypto?.randomUUID?.() } = {}) {
    const body = { type };
    if (data !== undefined) body.data = data;
    if (id) body.id = id;
    const response = await this.#fetch(`/api/rooms/${encodeURIComponent(room)}/events`, body);
    return response.json();
  }

  /**
   * Follows the presence of a room (one the token grants), once connected. Resolves with who is in it now:
   * { room, count, members } (members only in a room small enough, see docs/protocol.md); from then on, 'presence'
   * events bring every join ({ room, joined, at }) and leave ({ room, left, at }). After a reconnect the client
   * follows again and emits the room's new snapshot as a 'presence' event.
   */
  async followPresence(room) {
    this.#followed.add(room);
    try {
      return await this.#request({ type: 'presence', room });
    } catch (error) {
      this.#followed.delete(room);
      throw error;
    }
  }

  /**
   * Tells the other members of a subscribed room that the user is typing: 'typing' events ({ room, user, at }) on
   * their clients. Call it on every keystroke; at most one signal per room every 2 s is sent (CES's own budget).
   * Returns whether a signal was sent.
   */
  typing(room) {
    const now = Date.now();
    if (now - (this.#typingSentAt.get(room) ?? -Infinity) < TYPING_INTERVAL_MS) return false;
    if (this.#state !== 'open' || !this.#ws || this.#ws.readyState !== WebSocket.OPEN) return false;
    this.#typingSentAt.set(room, now);
    this.#ws.send(JSON.stringify({ type: 'typing', room }));
    return true;
  }

  /**
   * Acknowledges that the event at seq of a room was received (a 'message' frame's room and seq). Resolves with
   * { receipt: 'ack', room, seq } once CES published the receipt (once per session, room and seq, however often it
   * is called); rejects with CesError 'not-delivered' for a position not delivered to this session.
   */
  ack(room, seq) {
    return this.#request({ type: 'ack', room, seq }).then((acked) => {
      const entry = this.#rooms.get(room);
      if (entry && (entry.acked === null || seq > entry.acked)) entry.acked = seq;
      return acked;
    });
  }

  /** Tells CES that the user read the event at seq of a room; as ack, with a read receipt. */
  read(room, seq) {
    return this.#request({ type: 'read', room, seq });
  }

  /** Sends an application-level ping; resolves with the round-trip time in milliseconds. */
  async ping() {
    const started = performance.now();
    await this.#request({ type: 'ping' });
    return performance.now() - started;
  }

  /** Replaces the token (before it expires); the next reconnect registers with it to renew the cookie. */
  setToken(token) {
    this.#options.token = token;
    this.#reregister = true;
  }

  /** Closes for good: no reconnect. */
  close() {
    this.#stopTimers();
    globalThis.removeEventListener?.('online', this.#onlineListener);
    globalThis.removeEventListener?.('offline', this.#offlineListener);
    const ws = this.#detach();
    ws?.close(1000, 'client closed');
    this.#failPending(new CesError('closed', 'the client was closed'));
    this.#setState('closed');
  }

  /**
   * Drops the connection the way a network failure would, without a clean close: the client reconnects and
   * resumes. For demos and tests of recovery.
   */
  simulateNetworkDrop() {
    if (this.#ws) this.#lost(4999, 'simulated network drop');
  }

  // --- internals -------------------------------------------------------------------------------------------

  #emit(type, detail) {
    for (const listener of this.#listeners.get(type) ?? []) {
      try {
        listener(detail);
      } catch (error) {
        console.error(`CES client: a '${type}' listener threw`, error);
      }
    }
  }

  #setState(state) {
    if (!STATES.includes(state) || state === this.#state) return;
    const previous = this.#state;
    this.#state = state;
    this.#emit('state', { state, previous });
  }

  async #fetch(path, body) {
    let response;
    try {
      response = await fetch(new URL(path, this.#options.baseUrl), {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.#options.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new CesError('network', `CES cannot be reached: ${error.message}`);
    }
    if (response.ok) return response;
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // not problem+json: the status says enough
    }
    const code = typeof problem.type === 'string' ? problem.type.replace(/^.*\//, '') : `http-${response.status}`;
    const retryAfter = response.headers.get('Retry-After');
    throw new CesError(code, problem.detail || problem.title || `HTTP ${response.status}`, {
      status: response.status,
      problem,
      retryAfter: retryAfter === null ? undefined : Number(retryAfter),
    });
  }

  async #register() {
    const response = await this.#fetch('/api/sessions', {});
    this.#reregister = false;
    return response.json();
  }

  #open(url, mode) {
    const ws = new WebSocket(this.#options.batch ? url + (url.includes('?') ? '&' : '?') + 'batch=true' : url);
    this.#ws = ws;
    let welcomed = false;
    ws.onmessage = (message) => {
      this.#lastFrameAt = Date.now();
      let parsed;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        this.#emit('error', new CesError('bad-frame', 'CES sent a frame that is not JSON'));
        return;
      }
      // A batched frame is an array of frames, in the order they were sent (docs/protocol.md).
      for (const frame of Array.isArray(parsed) ? parsed : [parsed]) {
        if (frame.type === 'welcome' && !welcomed) {
          welcomed = true;
          this.#welcome(frame, mode);
        } else {
          this.#frame(frame);
        }
      }
    };
    ws.onclose = (event) => {
      if (this.#ws === ws) this.#lost(event.code, event.reason, welcomed);
    };
    ws.onerror = () => {
      // onclose follows with the code; nothing to add here
    };
  }

  #welcome(frame, mode) {
    this.#heartbeatMs = Math.max(1, frame.heartbeatSeconds || 30) * 1000;
    this.#startPings();
    if (mode === 'resume') {
      const positions = this.positions;
      const resume = { type: 'resume', session: this.#session, resumeToken: this.#resumeToken, rooms: positions.rooms };
      if (positions.sessionSeq !== null) resume.sessionSeq = positions.sessionSeq;
      if (positions.userSeq !== null) resume.userSeq = positions.userSeq;
      this.#request(resume).then((resumed) => this.#resumed(resumed), () => {
        // session-expired: CES closes with 4010 and the client starts a fresh session (#lost)
      });
      return;
    }
    this.#session = frame.session;
    this.#resumeToken = frame.resumeToken;
    this.#sessionSeq = null;
    this.#userSeq = null;
    this.#attempt = 0;
    this.#setState('open');
    this.#emit('welcome', frame);
    for (const [room, entry] of this.#rooms) this.#resubscribe(room, entry);
    this.#refollow();
    if (this.#connectWaiter) {
      this.#connectWaiter.resolve(frame);
      this.#connectWaiter = null;
    }
  }

  #resumed(frame) {
    this.#session = frame.session;
    this.#attempt = 0;
    this.#setState('open');
    this.#emit('resumed', frame);
    const serverRooms = new Set(frame.rooms || []);
    for (const [room, entry] of this.#rooms) {
      if (serverRooms.has(room)) {
        entry.confirmed = true;
        this.#settleWaiting(entry, null, { room });
      } else {
        this.#resubscribe(room, entry);
      }
    }
    for (const room of serverRooms) {
      if (!this.#rooms.has(room)) this.#request({ type: 'unsubscribe', room }).catch(() => {});
    }
    this.#refollow();
    for (const [room, entry] of this.#rooms) {
      // the resume redelivers everything after the last ack, the failed message first
      entry.ackBlocked = false;
      this.#sendAck(room, entry);
    }
  }

  /** Following is held by the replica of a connection (docs/protocol.md): follow again on a new one. */
  #refollow() {
    for (const room of this.#followed) {
      this.#request({ type: 'presence', room }).then((snapshot) => this.#emit('presence', snapshot), (error) => {
        this.#followed.delete(room);
        this.#emit('error', error);
      });
    }
  }

  /** Subscribes again after a fresh start, recovering from the last position when there is one. */
  #resubscribe(room, entry) {
    const frame = { type: 'subscribe', room };
    if (entry.position !== null) frame.since = entry.position;
    this.#request(frame).then((reply) => {
      entry.confirmed = true;
      this.#settleWaiting(entry, null, reply);
    }, (error) => {
      this.#rooms.delete(room);
      this.#settleWaiting(entry, error);
      if (!entry.waiting) this.#emit('error', error);
    });
  }

  #settleWaiting(entry, error, value) {
    const waiting = entry.waiting;
    if (!waiting) return;
    entry.waiting = null;
    if (error) waiting.reject(error); else waiting.resolve(value);
  }

  #frame(frame) {
    if (frame.ref && this.#pending.has(frame.ref)) {
      const pending = this.#pending.get(frame.ref);
      this.#pending.delete(frame.ref);
      if (frame.type === 'error') {
        pending.reject(new CesError(frame.code, frame.message, { frame }));
      } else {
        pending.resolve(frame);
      }
    }
    switch (frame.type) {
      case 'message':
        this.#message(frame);
        break;
      case 'subscribed':
        if ('recovered' in frame) this.#recovery({ room: frame.room, recovered: frame.recovered, replayed: frame.replayed });
        break;
      case 'recovered':
        this.#recovery({ target: frame.target, recovered: frame.recovered, replayed: frame.replayed });
        break;
      case 'presence':
        if (!frame.ref) this.#emit('presence', frame);
        break;
      case 'typing':
        this.#emit('typing', frame);
        break;
      case 'error':
        if (frame.room && frame.code === 'forbidden') this.#rooms.delete(frame.room);
        if (!frame.ref || frame.room) this.#emit('error', new CesError(frame.code, frame.message, { frame }));
        break;
      default:
        break;
    }
  }

  #recovery(outcome) {
    this.#emit('recovery', outcome);
    if (outcome.recovered === false) this.#emit('gap', outcome);
  }

  #message(frame) {
    if (frame.room !== undefined) {
      const entry = this.#rooms.get(frame.room);
      if (!entry) return; // left meanwhile
      // Seen before: dropped, unless CES redelivers it because it was never acknowledged (at-least-once rooms).
      const seen = entry.position !== null && frame.seq <= entry.position;
      if (seen && !(frame.redelivered === true && (entry.acked === null || frame.seq > entry.acked))) return;
      if (!seen) entry.position = frame.seq;
      const handled = [];
      let failed = false;
      for (const handler of entry.handlers) {
        try {
          handled.push(handler(frame.event, frame));
        } catch (error) {
          failed = true;
          console.error('CES client: a room handler threw', error);
        }
      }
      if (entry.ackAfterHandling) {
        const done = Promise.all(handled).then(() => !failed, (error) => {
          console.error('CES client: a room handler failed', error);
          return false;
        });
        // Settled in the order the messages came, so an ack never covers a message still being handled.
        entry.handling = (entry.handling ?? Promise.resolve()).then(() => done).then((ok) => {
          if (!ok) entry.ackBlocked = true;
          else if (!entry.ackBlocked) this.#ackHandled(frame.room, entry, frame.seq);
        });
      }
    } else if (frame.target === 'session') {
      if (this.#sessionSeq !== null && frame.seq <= this.#sessionSeq) return;
      this.#sessionSeq = frame.seq;
    } else if (frame.target === 'user') {
      if (this.#userSeq !== null && frame.seq <= this.#userSeq) return;
      this.#userSeq = frame.seq;
    }
    this.#emit('message', frame);
  }

  /**
   * Acks a handled message. Acks in an at-least-once room are cumulative, so while one is on its way only the
   * highest handled seq waits for the next: one ack in flight per room, however fast messages come. For the same
   * reason a failed handler stops the room's acks until the next resume: acking a later message would acknowledge
   * the failed one too.
   */
  #ackHandled(room, entry, seq) {
    if (entry.ackWanted === undefined || entry.ackWanted === null || seq > entry.ackWanted) entry.ackWanted = seq;
    this.#sendAck(room, entry);
  }

  #sendAck(room, entry) {
    if (entry.ackInFlight || entry.ackWanted === undefined || entry.ackWanted === null) return;
    if (entry.acked !== null && entry.ackWanted <= entry.acked) return;
    if (this.#state !== 'open' || this.#rooms.get(room) !== entry) return;
    const seq = entry.ackWanted;
    entry.ackInFlight = true;
    this.ack(room, seq).then(() => {
      entry.ackInFlight = false;
      this.#sendAck(room, entry);
    }, (error) => {
      entry.ackInFlight = false;
      // not-delivered: the position belongs to a subscription gone by; anything else is retried with the next ack
      // or after the next resume
      if (error.code === 'not-delivered' && entry.ackWanted === seq) entry.ackWanted = null;
    });
  }

  #request(frame) {
    const id = String(this.#nextId++);
    return new Promise((resolve, reject) => {
      if (!this.#ws || this.#ws.readyState !== WebSocket.OPEN) {
        reject(new CesError('not-connected', 'the connection is not open'));
        return;
      }
      this.#pending.set(id, { resolve, reject });
      this.#ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  #startPings() {
    clearInterval(this.#pingTimer);
    this.#lastFrameAt = Date.now();
    // Browsers answer CES's WebSocket pings without telling the page, so the page pings too: a connection that
    // brings nothing for two heartbeats is dead even if the browser has not noticed yet.
    this.#pingTimer = setInterval(() => {
      if (Date.now() - this.#lastFrameAt > 2 * this.#heartbeatMs) {
        this.#lost(4008, 'no answer to pings');
        return;
      }
      this.#request({ type: 'ping' }).catch(() => {});
    }, this.#heartbeatMs);
  }

  #stopTimers() {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#retryTimer);
    this.#pingTimer = null;
    this.#retryTimer = null;
  }

  #detach() {
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = null;
    }
    return ws;
  }

  #failPending(error) {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  /** The connection is gone: decide whether and how to come back. */
  #lost(code, reason, welcomed = true) {
    const ws = this.#detach();
    if (ws && ws.readyState <= WebSocket.OPEN) {
      try {
        ws.close(1000, 'reconnecting');
      } catch {
        // already closing
      }
    }
    clearInterval(this.#pingTimer);
    this.#failPending(new CesError('disconnected', `the connection dropped (${code}${reason ? ` ${reason}` : ''})`));
    this.#emit('disconnected', { code, reason });
    if (this.#connectWaiter && !welcomed) {
      this.#connectWaiter.reject(new CesError('connect-failed', `the WebSocket did not open (close code ${code})`, { closeCode: code }));
      this.#connectWaiter = null;
      this.#setState('closed');
      return;
    }
    const final = FINAL_CLOSES.get(code);
    if (final) {
      this.#emit('error', new CesError(final[0], final[1], { closeCode: code }));
      this.close();
      return;
    }
    if (code === 4010) {
      // The session cannot be resumed: start a new one, and subscribe with positions to recover what we can.
      this.#session = null;
      this.#resumeToken = null;
      this.#emit('error', new CesError('session-expired', 'the session expired; continuing in a new one', { closeCode: code }));
    }
    for (const entry of this.#rooms.values()) entry.confirmed = false;
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    clearTimeout(this.#retryTimer);
    this.#setState('reconnecting');
    const delayMs = backoffDelay(this.#attempt, this.#options.reconnect);
    this.#emit('reconnecting', { attempt: this.#attempt + 1, delayMs });
    this.#attempt++;
    this.#retryTimer = setTimeout(() => this.#reconnect(), delayMs);
  }

  async #reconnect() {
    this.#retryTimer = null;
    if (this.#state !== 'reconnecting') return;
    if (globalThis.navigator?.onLine === false) {
      this.#scheduleReconnect(); // the 'online' event brings the next attempt forward
      return;
    }
    if (this.#reregister) {
      try {
        await this.#register();
      } catch (error) {
        this.#emit('error', error);
        this.#scheduleReconnect();
        return;
      }
    }
    this.#open(this.#wsBase, this.#session ? 'resume' : 'fresh');
  }

  #online() {
    if (this.#state === 'reconnecting') {
      clearTimeout(this.#retryTimer);
      this.#reconnect();
    }
  }

  #offline() {
    // Browsers may keep a socket "open" for minutes after the network went away; drop it now and come back online.
    if (this.#ws) this.#lost(4999, 'the browser went offline');
  }
}
