import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unpackInWorker } from '../../../src/core/export/unpackInWorker';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const limits = { maxEntries: 10, maxUnpackedBytes: 10_000 };

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

describe('reading a file to import on a worker thread', () => {
  it('parses a conversation’s JSON, and unpacks an archive: JSON entries parsed, files as bytes', async () => {
    expect(await unpackInWorker(file('one.navi.json', '{"format":"navi-conversation"}'), limits)).toEqual({
      kind: 'json',
      value: { format: 'navi-conversation' },
    });
    const zip = zipSync({
      'navi-archive.json': strToU8('{"format":"navi-archive"}'),
      'conversations/0001-a.json': strToU8('{ broken'),
      'attachments/abc': new Uint8Array([1, 2, 3]),
    });
    const unpacked = await unpackInWorker(file('all.zip', zip), limits);
    expect(unpacked.kind).toBe('archive');
    if (unpacked.kind !== 'archive') return;
    expect(unpacked.json['navi-archive.json']).toEqual({ value: { format: 'navi-archive' } });
    expect(unpacked.json['conversations/0001-a.json']?.error).toMatch(/JSON|property|token/i);
    expect([...unpacked.files['attachments/abc']!]).toEqual([1, 2, 3]);
  });

  it('keeps the bounds: refuses a file that is not JSON, an archive with too many entries or unpacking too large', async () => {
    await expect(unpackInWorker(file('notes.json', 'not json'), limits)).rejects.toThrow(
      /^This file is not valid JSON/,
    );
    const many = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, strToU8('x')])));
    await expect(unpackInWorker(file('many.zip', many), limits)).rejects.toThrow(
      'This archive cannot be read: it holds more than 10 files.',
    );
    const big = zipSync({ 'big.bin': new Uint8Array(20_000) }, { level: 9 });
    expect(big.length).toBeLessThan(limits.maxUnpackedBytes);
    await expect(unpackInWorker(file('big.zip', big), limits)).rejects.toThrow(
      'This archive cannot be read: it unpacks to more than 1 GB.',
    );
  });
});
