import fc from 'fast-check';
import WebSocket from 'ws';
import { contract } from '../../src/shared/contract';
import { MAX_FRAME_BYTES } from '../../src/shared/contract/limits';
import { closeFrame, frame, getRequest, openRawWebSocket, rawExchange, statusOf } from '../helpers/rawSocket';

/**
 * A seeded fuzz of the browser host's boundary: RPC messages (plausible and not), JSON and non-JSON
 * text, binary frames, hand-made malformed frames and raw HTTP requests. The same seed gives the same
 * cases, so a failure replays. Used by tests/integration/hostFuzz.test.ts (a few thousand cases) and
 * by `npm run bench -- --only host/fuzz` (tens of thousands against a real `npm run serve`).
 */
export type FuzzCase =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  | { readonly kind: 'bad-frame'; readonly bytes: Buffer }
  | {
      readonly kind: 'http';
      readonly target: string;
      readonly cookie: string | undefined;
      readonly withToken: boolean;
    };

/** Methods that start programs or reach the network when their input happens to be valid: never fuzzed. */
const UNSAFE = new Set([
  'mcp.add',
  'mcp.update',
  'mcp.importJson',
  'mcp.reconnect',
  'mcp.setEnabled',
  'settings.testConnection',
  'settings.listModels',
]);

const members = Object.values(contract).flatMap((service) =>
  Object.keys(service.members)
    .map((name) => ({ service: service.name, name }))
    .filter(({ service, name }) => !UNSAFE.has(`${service}.${name}`)),
);

const anyId = fc.oneof(
  { arbitrary: fc.uuid(), weight: 3 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 3 },
  { arbitrary: fc.string({ minLength: 90, maxLength: 300 }), weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
);

const plausibleInput = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc.record(
      {
        id: anyId,
        sessionId: anyId,
        recallId: anyId,
        text: fc.string({ maxLength: 200 }),
        title: fc.string({ maxLength: 250 }),
        query: fc.string({ maxLength: 250 }),
        fromSeq: fc.oneof(fc.integer(), fc.double()),
        limit: fc.integer({ min: -5, max: 1000 }),
        before: fc.integer(),
        enabled: fc.boolean(),
        scope: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: [] },
    ),
    weight: 6,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 2 },
);

const messageId = fc.oneof(
  { arbitrary: fc.nat({ max: 1_000_000 }), weight: 12 },
  { arbitrary: fc.integer({ min: -1000, max: -1 }), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 10 }), weight: 1 },
  { arbitrary: fc.constantFrom(null, 2 ** 53, 1e308), weight: 1 },
);

const wireMessage = fc
  .record(
    {
      t: fc.oneof(
        { arbitrary: fc.constantFrom('call', 'listen', 'cancel', 'unlisten'), weight: 12 },
        { arbitrary: fc.constantFrom('result', 'error', 'event', 'end'), weight: 2 },
        { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
      ),
      id: messageId,
      member: fc.oneof(
        { arbitrary: fc.constantFrom(...members), weight: 10 },
        {
          arbitrary: fc.record({ service: fc.string({ maxLength: 12 }), name: fc.string({ maxLength: 12 }) }),
          weight: 1,
        },
      ),
      input: plausibleInput,
      value: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
    },
    { requiredKeys: ['t', 'id', 'member'] },
  )
  .map(({ member, ...rest }) => ({ ...rest, ...member }));

const textCase = fc.oneof(
  { arbitrary: wireMessage.map((message) => JSON.stringify(message)), weight: 40 },
  { arbitrary: fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value)), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 3 },
  {
    arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    weight: 1,
  },
);

/** Every this many cases, one message of several megabytes (within the frame limit, over the text limit). */
const LARGE_EVERY = 1000;

function largeMessage(index: number): FuzzCase {
  const megabytes = 1 + ((index / LARGE_EVERY) % 4);
  const text = 'x'.repeat(megabytes * 1024 * 1024);
  return {
    kind: 'text',
    text: JSON.stringify({ t: 'call', id: index, service: 'chat', name: 'send', input: { text } }),
  };
}

const badFrame = fc.oneof(
  fc
    .uint8Array({ maxLength: 50 })
    .map((payload) => frame({ opcode: 0x1, payload: Buffer.from(payload), masked: false })),
  fc
    .tuple(fc.integer({ min: 1, max: 7 }), fc.uint8Array({ maxLength: 50 }))
    .map(([rsv, payload]) => frame({ opcode: 0x1, payload: Buffer.from(payload), rsv })),
  fc.constantFrom(0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf).map((opcode) => frame({ opcode })),
  fc
    .oneof(
      fc.integer({ min: 0, max: 999 }),
      fc.constantFrom(1004, 1005, 1006, 1015),
      fc.integer({ min: 5000, max: 65535 }),
    )
    .map(closeFrame),
  fc
    .constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80])
    .map((bytes) => frame({ opcode: 0x1, payload: Buffer.from(bytes) })),
  fc
    .integer({ min: MAX_FRAME_BYTES + 1, max: 2 ** 40 })
    .map((declaredLength) => frame({ opcode: 0x1, declaredLength })),
  fc.uint8Array({ minLength: 2, maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);

const httpCase = fc.record({
  target: fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((text) => text.replace(/[\s]/g, '')),
    fc.webUrl(),
    fc.webPath().map((path) => `/${path}`),
    fc.constantFrom('//[', 'http://[', 'http://a:99999/', '/\\[', '*', '/%', '/%%%', '/assets/..%2f..%2fpackage.json'),
  ),
  cookie: fc.option(
    fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, '')),
    { nil: undefined },
  ),
  withToken: fc.boolean(),
});

const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { arbitrary: textCase.map((text) => ({ kind: 'text' as const, text })), weight: 90 },
  { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'binary' as const, bytes })), weight: 4 },
  { arbitrary: badFrame.map((bytes) => ({ kind: 'bad-frame' as const, bytes })), weight: 3 },
  { arbitrary: httpCase.map((request) => ({ kind: 'http' as const, ...request })), weight: 3 },
);

/** `count` cases from `seed`, always the same ones. */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  return fc
    .sample(fuzzCase, { seed, numRuns: count })
    .map((item, index) => (index % LARGE_EVERY === LARGE_EVERY - 1 ? largeMessage(index) : item));
}

export interface FuzzReport {
  readonly cases: number;
  /** Cases sent before the host stopped answering (equal to `cases` when it never did). */
  readonly survived: number;
  readonly hostGone: boolean;
  /** How the host closed sockets given malformed frames, by close code. */
  readonly closeCodes: Record<number, number>;
  readonly httpStatuses: Record<number, number>;
}

/** Ids the fuzz never makes: the driver's own `app.info` probes that show the host caught up. */
const PROBE_ID_BASE = 2 ** 50;
/** Valid-frame cases per connection before it is replaced (its subscriptions and calls die with it). */
const CASES_PER_CONNECTION = 500;
/** Cases sent before waiting for the host to answer a probe (bounds what is in flight). */
const BATCH = 50;

/**
 * Sends the cases to a running host. Valid frames share a connection, replaced every few hundred
 * cases; each malformed frame gets a fresh raw socket, which the host must close; HTTP cases are
 * raw requests, which must get a status line. Stops early if the host goes away.
 */
export async function runFuzz(
  port: number,
  token: string,
  cases: readonly FuzzCase[],
  onProgress: (done: number) => void = () => {},
): Promise<FuzzReport> {
  const closeCodes: Record<number, number> = {};
  const httpStatuses: Record<number, number> = {};
  let socket: Probed | undefined;
  let sinceOpen = 0;
  let probe = 0;
  let index = 0;
  try {
    for (; index < cases.length; index++) {
      const item = cases[index]!;
      if (item.kind === 'text' || item.kind === 'binary') {
        if (!socket || sinceOpen >= CASES_PER_CONNECTION || socket.closed) {
          socket?.close();
          socket = await openProbed(port, token);
          sinceOpen = 0;
        }
        socket.send(item.kind === 'text' ? item.text : item.bytes);
        sinceOpen++;
        // A frame that is too big closes the socket (1009); the next case opens a new one.
        if (sinceOpen % BATCH === 0 && !socket.closed) await socket.probe(PROBE_ID_BASE + probe++);
      } else if (item.kind === 'bad-frame') {
        const raw = await openRawWebSocket(port, `/rpc?token=${token}`);
        raw.send(item.bytes);
        // Then end our side: the host reads the bytes first, so a malformed frame gets its close code;
        // bytes that are only the start of a frame (or happen to be a valid one) end without one (0).
        raw.socket.end();
        const code = await raw.closed;
        raw.socket.destroy();
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      } else {
        const target = item.withToken
          ? `${item.target}${item.target.includes('?') ? '&' : '?'}token=${token}`
          : item.target;
        const status = statusOf(
          await rawExchange(port, getRequest(target, item.cookie === undefined ? {} : { Cookie: item.cookie })),
        );
        if (status === 0) throw new Error(`No status line for ${JSON.stringify(item.target)}`);
        httpStatuses[status] = (httpStatuses[status] ?? 0) + 1;
      }
      if (index % 1000 === 999) onProgress(index + 1);
    }
    if (socket && !socket.closed) await socket.probe(PROBE_ID_BASE + probe++);
    return { cases: cases.length, survived: cases.length, hostGone: false, closeCodes, httpStatuses };
  } catch (error) {
    if (await hostAnswers(port, token)) throw error;
    return { cases: cases.length, survived: index, hostGone: true, closeCodes, httpStatuses };
  } finally {
    socket?.close();
  }
}

interface Probed {
  readonly closed: boolean;
  send(data: string | Uint8Array): void;
  probe(id: number): Promise<void>;
  close(): void;
}

async function openProbed(port: number, token: string): Promise<Probed> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, () => void>();
  let closed = false;
  ws.on('message', (data) => {
    const id = (JSON.parse(String(data)) as { id?: unknown }).id;
    if (typeof id === 'number') waiting.get(id)?.();
  });
  ws.on('error', () => {});
  ws.on('close', () => {
    closed = true;
    for (const resolve of waiting.values()) resolve();
  });
  return {
    get closed() {
      return closed;
    },
    send: (data) => ws.send(data),
    probe: (id) =>
      new Promise<void>((resolve) => {
        waiting.set(id, () => {
          waiting.delete(id);
          resolve();
        });
        ws.send(JSON.stringify({ t: 'call', id, service: 'app', name: 'info' }));
      }),
    close: () => ws.terminate(),
  };
}

async function hostAnswers(port: number, token: string): Promise<boolean> {
  try {
    return statusOf(await rawExchange(port, getRequest(`/?token=${token}`))) === 200;
  } catch {
    return false;
  }
}
