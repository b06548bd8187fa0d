// Type declarations of ces-client.js (docs/client.md).

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  room?: string;
  time?: string;
  datacontenttype?: string;
  data?: unknown;
  [attribute: string]: unknown;
}

export interface MessageFrame {
  type: 'message';
  room?: string;
  target?: 'session' | 'user';
  seq: number;
  /** Delivered again after a resume because it was never acknowledged (rooms CES delivers at least once). */
  redelivered?: boolean;
  /** In a conflated room, to a client that fell behind: the earlier events of this key it replaced (not a gap). */
  conflated?: number;
  event: CloudEvent;
}

export interface RecoveryOutcome {
  room?: string;
  target?: 'session' | 'user';
  recovered: boolean;
  replayed?: number;
}

export interface PublishReceipt {
  id: string;
  room: string;
  topic: string;
  partition: number;
  offset: number;
}

export interface ReconnectOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** 0..1: the share of each delay that is random. */
  jitter?: number;
}

export interface CesClientOptions {
  token: string;
  baseUrl?: string;
  reconnect?: ReconnectOptions;
  /** Receive frames waiting for the socket as one JSON array (`/ws?batch=true`); default true. Unpacked by the client. */
  batch?: boolean;
}

export interface Positions {
  rooms: Record<string, number>;
  sessionSeq: number | null;
  userSeq: number | null;
}

/** A room's presence now: members only while the room is small enough (ces.presence.max-listed-members). */
export interface PresenceSnapshot {
  room: string;
  count: number;
  members?: string[];
}

/** A user joined or left a followed room. */
export interface PresenceChange {
  room: string;
  joined?: string;
  left?: string;
  at: string;
}

export interface TypingSignal {
  room: string;
  user: string;
  at: string;
}

export interface CesClientEvents {
  state: { state: ConnectionState; previous: ConnectionState };
  welcome: { session: string; resumeToken: string; heartbeatSeconds: number };
  resumed: { session: string; rooms: string[] };
  message: MessageFrame;
  recovery: RecoveryOutcome;
  /** A stream could not be recovered completely (recovered:false): reload its state from your backend. */
  gap: RecoveryOutcome;
  reconnecting: { attempt: number; delayMs: number };
  disconnected: { code: number; reason: string };
  error: CesError;
  /** A join or leave in a followed room, or a followed room's snapshot after a reconnect. */
  presence: PresenceChange | PresenceSnapshot;
  /** Another member of a subscribed room is typing. */
  typing: TypingSignal;
}

export class CesError extends Error {
  readonly code: string;
  readonly status?: number;
  readonly retryAfter?: number;
  readonly closeCode?: number;
  readonly problem?: { type: string; title: string; status: number; detail?: string; instance?: string };
  readonly frame?: { type: 'error'; ref?: string; code: string; message: string; room?: string };
  constructor(code: string, message: string, details?: object);
}

export function backoffDelay(attempt: number, options?: ReconnectOptions, random?: () => number): number;

export class CesClient {
  constructor(options: CesClientOptions);
  readonly state: ConnectionState;
  readonly sessionId: string | null;
  readonly positions: Positions;
  on<K extends keyof CesClientEvents>(type: K, listener: (detail: CesClientEvents[K]) => void): () => void;
  off<K extends keyof CesClientEvents>(type: K, listener: (detail: CesClientEvents[K]) => void): void;
  connect(): Promise<CesClientEvents['welcome']>;
  subscribe(room: string, handler?: (event: CloudEvent, frame: MessageFrame) => void | Promise<unknown>,
    options?: { ackAfterHandling?: boolean }): Promise<unknown>;
  unsubscribe(room: string, handler?: (event: CloudEvent, frame: MessageFrame) => void): Promise<void>;
  publish(room: string, type: string, data?: unknown, options?: { id?: string }): Promise<PublishReceipt>;
  ping(): Promise<number>;
  followPresence(room: string): Promise<PresenceSnapshot>;
  typing(room: string): boolean;
  ack(room: string, seq: number): Promise<ReceiptAcked>;
  read(room: string, seq: number): Promise<ReceiptAcked>;
  setToken(token: string): void;
  close(): void;
  simulateNetworkDrop(): void;
}

/** CES's answer to ack and read: the receipt is on the receipts topic. */
export interface ReceiptAcked {
  type: 'acked';
  receipt: 'ack' | 'read';
  room: string;
  seq: number;
}
