import { describe, expect, it } from 'vitest';
import {
  AddMcpServerInput,
  contract,
  MAX_FRAME_BYTES,
  MAX_IMPORT_BYTES,
  TRANSFER_CHUNK_BYTES,
  MAX_MCP_IMPORT_CHARS,
  MAX_MESSAGE_CHARS,
  messageTooLong,
} from '../../src/shared/contract';
import type { WireMessage } from '../../src/shared/rpc';

/** A character that costs three bytes in UTF-8 (the most any BMP character costs). */
const WIDE = '€';

function frameBytes(service: string, name: string, input: unknown): number {
  const message: WireMessage = { t: 'call', id: Number.MAX_SAFE_INTEGER, service, name, input };
  return Buffer.byteLength(JSON.stringify(message));
}

describe('MAX_FRAME_BYTES fits the largest legitimate request', () => {
  it('a message of the most characters, even with every character escaped in JSON', () => {
    const input = { sessionId: 'x'.repeat(100), text: '\u0001'.repeat(MAX_MESSAGE_CHARS) };
    expect(contract.chat.members.send.input.safeParse(input).success).toBe(true);
    expect(frameBytes('chat', 'send', input)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });

  it('a chunk of a file to import, and the answer to reading a chunk of an export', () => {
    const data = Buffer.alloc(TRANSFER_CHUNK_BYTES, 0xff).toString('base64');
    const input = { importId: 'x'.repeat(100), offset: MAX_IMPORT_BYTES, data };
    expect(contract.exports.members.importChunk.input.safeParse(input).success).toBe(true);
    expect(frameBytes('exports', 'importChunk', input)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    const tooMuch = { ...input, data: Buffer.alloc(TRANSFER_CHUNK_BYTES + 3).toString('base64') };
    expect(contract.exports.members.importChunk.input.safeParse(tooMuch).success).toBe(false);
  });

  it('an MCP import of the longest text', () => {
    const input = { json: '\u0001'.repeat(MAX_MCP_IMPORT_CHARS) };
    expect(contract.mcp.members.importJson.input.safeParse(input).success).toBe(true);
    expect(frameBytes('mcp', 'importJson', input)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });

  it('an MCP server with every field at its maximum in three-byte characters', () => {
    const input = {
      transport: 'stdio' as const,
      name: 'n'.repeat(60),
      command: WIDE.repeat(1000),
      args: Array.from({ length: 200 }, () => WIDE.repeat(4000)),
      cwd: WIDE.repeat(1000),
      env: Array.from({ length: 100 }, (_, i) => ({ name: `V${i}`.padEnd(200, '_'), value: WIDE.repeat(10_000) })),
    };
    expect(AddMcpServerInput.safeParse(input).success).toBe(true);
    const bytes = frameBytes('mcp', 'add', input);
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(bytes).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });
});

describe('messageTooLong', () => {
  it('says nothing up to the limit and names both numbers past it', () => {
    expect(messageTooLong(MAX_MESSAGE_CHARS)).toBeUndefined();
    expect(messageTooLong(17_000_000)).toBe(
      'This message has 17,000,000 characters; a message can have at most 100,000. Shorten it or send it in parts.',
    );
  });
});
