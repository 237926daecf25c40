import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Sends bytes exactly as given to the host and resolves with everything it answers before closing
 * (requests say `Connection: close`); a switch to WebSocket (101) is cut right after its head.
 */
export function rawExchange(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const text = (): string => Buffer.concat(chunks).toString('latin1');
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (text().startsWith('HTTP/1.1 101') && text().includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text()));
    socket.write(request);
  });
}

/** The status code of the first response line, or 0 when the host closed without one. */
export function statusOf(response: string): number {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(response);
  return match ? Number(match[1]) : 0;
}

export function getRequest(target: string, headers: Record<string, string> = {}): string {
  const lines = [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export function upgradeRequest(target: string, port: number, headers: Record<string, string> = {}): string {
  return getRequest(target, {
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    Origin: `http://127.0.0.1:${port}`,
    ...headers,
  }).replace('Connection: close\r\n', '');
}

export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Buffer;
  readonly fin?: boolean;
  /** RSV1..3 as the three bits below FIN. */
  readonly rsv?: number;
  readonly masked?: boolean;
  /** Announce this length instead of the payload's (to claim a frame larger than is sent). */
  readonly declaredLength?: number;
}

/** Builds one WebSocket frame by hand (RFC 6455 section 5.2), masked as a client must unless told otherwise. */
export function frame({
  opcode,
  payload = Buffer.alloc(0),
  fin = true,
  rsv = 0,
  masked = true,
  declaredLength,
}: FrameSpec) {
  const length = declaredLength ?? payload.length;
  const head = [(fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xf)];
  const maskBit = masked ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), extended, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([Buffer.from(head), extended, mask, body]);
}

export function textFrame(text: string): Buffer {
  return frame({ opcode: 0x1, payload: Buffer.from(text) });
}

export function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return frame({ opcode: 0x8, payload });
}

/** A WebSocket opened by hand on a raw TCP socket, reading the server's frames as they come. */
export interface RawWebSocket {
  readonly socket: Socket;
  send(bytes: Buffer): void;
  /** Resolves with the close code of the server's close frame (0 if it closed without one). */
  readonly closed: Promise<number>;
  /** Server text frames received so far. */
  readonly texts: string[];
}

export function openRawWebSocket(port: number, target: string): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const texts: string[] = [];
    let closeCode = 0;
    let resolveClosed: (code: number) => void = () => {};
    const closed = new Promise<number>((done) => (resolveClosed = done));
    const readFrames = (): void => {
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0xf;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        if (opcode === 0x1) texts.push(payload.toString('utf8'));
        if (opcode === 0x8 && closeCode === 0) {
          closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          resolveClosed(closeCode);
        }
      }
    };
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        if (!head.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          reject(new Error(`Handshake refused: ${head.split('\r\n')[0]}`));
          return;
        }
        upgraded = true;
        resolve({ socket, send: (bytes) => socket.write(bytes), closed, texts });
      }
      readFrames();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!upgraded) reject(new Error('The host closed the connection before the handshake'));
      resolveClosed(closeCode);
    });
    socket.write(upgradeRequest(target, port));
  });
}
