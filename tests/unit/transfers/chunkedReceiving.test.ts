import { describe, expect, it } from 'vitest';
import { ChunkSequence } from '../../../src/core/transfers/chunkSequence';
import { ConnectionState } from '../../../src/core/transfers/connectionState';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('receiving files in chunks (uploads and imports)', () => {
  it('takes chunks in order only, one at a time, never past the size announced, and knows when it is complete', async () => {
    const sequence = new ChunkSequence('notes.txt', 6);
    const written: string[] = [];
    const write = async (chunk: Buffer, first: boolean) => {
      written.push(`${first ? 'first:' : ''}${chunk.toString()}`);
    };
    await expect(sequence.take(3, bytes('abc'), write)).rejects.toThrow('Expected the bytes from 0, got them from 3.');
    await expect(sequence.take(0, bytes(''), write)).rejects.toThrow('A chunk cannot be empty.');
    expect(await sequence.take(0, bytes('abc'), write)).toBe(3);
    expect(() => sequence.checkComplete('Attach it again.')).toThrow(
      '“notes.txt” is incomplete: 3 of 6 bytes arrived. Attach it again.',
    );
    await expect(sequence.take(3, bytes('defg'), write)).rejects.toThrow(
      '“notes.txt” is larger than the 6 bytes announced.',
    );

    // A second chunk while one is written is refused; the first still lands.
    let release!: () => void;
    const slow = sequence.take(3, bytes('def'), () => new Promise<void>((resolve) => (release = resolve)));
    await expect(sequence.take(3, bytes('def'), write)).rejects.toMatchObject({ code: 'conflict' });
    expect(() => sequence.checkComplete('Again.')).toThrow('The last chunk is still being written.');
    release();
    expect(await slow).toBe(6);
    expect(() => sequence.checkComplete('Again.')).not.toThrow();
    expect(written).toEqual(['first:abc']);

    // A failed write does not count its bytes.
    const failing = new ChunkSequence('photo.png', 2);
    await expect(failing.take(0, bytes('ab'), () => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    expect(failing.bytesReceived).toBe(0);
  });

  it('keeps each connection’s state apart and cleans it up when that connection closes', async () => {
    const dropped: string[][] = [];
    const state = new ConnectionState<string[]>(
      () => [],
      async (items) => {
        dropped.push(items);
      },
    );
    const first = new AbortController();
    const second = new AbortController();
    state.for('first', first.signal).push('upload-1');
    state.for('second', second.signal).push('import-1');
    expect(state.for('first', first.signal)).toEqual(['upload-1']);
    expect(state.find('nobody')).toBeUndefined();

    first.abort();
    await expect.poll(() => dropped).toEqual([['upload-1']]);
    expect(state.has('first')).toBe(false);
    expect(state.size).toBe(1);

    // A connection that is already closed is cleaned up as soon as it is first seen.
    const closed = new AbortController();
    closed.abort();
    state.for('late', closed.signal).push('upload-2');
    await expect.poll(() => dropped).toEqual([['upload-1'], ['upload-2']]);

    expect(state.dispose()).toEqual([['import-1']]);
    second.abort();
    await Promise.resolve();
    expect(dropped).toHaveLength(2);
  });
});
