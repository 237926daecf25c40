import { describe, expect, it } from 'vitest';
import { fileName } from '../../../src/core/attachments/attachments';
import { judgeFirstBytes, TextChecker, textMediaType } from '../../../src/core/attachments/fileKind';
import { modelInputs } from '../../../src/core/providers/modelInputs';
import {
  attachmentLimitProblem,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
} from '../../../src/shared/contract';
import { makeGif, makePdf, makePng } from '../../fixtures/attachmentFiles';

describe('what a file is', () => {
  it('goes by the bytes, not the name', async () => {
    expect(await judgeFirstBytes('photo.txt', makePng())).toEqual({ kind: 'image', mediaType: 'image/png' });
    expect(await judgeFirstBytes('x', makeGif(2))).toEqual({ kind: 'image', mediaType: 'image/gif' });
    expect(await judgeFirstBytes('doc', makePdf(['a']))).toEqual({ kind: 'pdf', mediaType: 'application/pdf' });
    expect(await judgeFirstBytes('notes.md', Buffer.from('# Title'))).toEqual({ kind: 'text' });
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]);
    expect(await judgeFirstBytes('scan.bmp', bmp)).toEqual({
      refused: '“scan.bmp” is a BMP image, which models cannot take. Convert it to PNG, JPEG, WebP or GIF first.',
    });
  });

  it('text must be UTF-8 without NUL bytes, also when a character spans two chunks', () => {
    const euro = Buffer.from('a€\nb');
    const split = new TextChecker();
    expect(split.push(euro.subarray(0, 2))).toBe(true);
    expect(split.push(euro.subarray(2))).toBe(true);
    expect(split.finish()).toEqual({ text: true, lines: 2 });

    const cut = new TextChecker();
    cut.push(euro.subarray(0, 3));
    expect(cut.finish().text).toBe(false);
    expect(new TextChecker().push(Buffer.from([0x61, 0xff]))).toBe(false);
    expect(new TextChecker().push(Buffer.from([0x61, 0x00]))).toBe(false);
    const empty = new TextChecker();
    expect(empty.finish()).toEqual({ text: true, lines: 0 });
  });

  it('keeps a text media type the window gave, else plain text', () => {
    expect(textMediaType('text/markdown')).toBe('text/markdown');
    expect(textMediaType('application/json; charset=utf-8')).toBe('application/json');
    // Browsers call TypeScript files MPEG transport streams.
    expect(textMediaType('video/mp2t')).toBe('text/plain');
    expect(textMediaType('')).toBe('text/plain');
  });

  it('names: no folders or control characters, cut to the limit with the extension kept', () => {
    expect(fileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(fileName('../../etc/pass\u0000wd')).toBe('passwd');
    const long = fileName(`${'n'.repeat(400)}.tar.gz`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('….gz')).toBe(true);
  });
});

describe('limits of a message', () => {
  it('names the limit that was passed', () => {
    const file = (size: number, name = 'f.txt') => ({ name, size });
    expect(attachmentLimitProblem([file(1), file(2)])).toBeUndefined();
    expect(attachmentLimitProblem(Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 1 }, () => file(1)))).toBe(
      'A message can have at most 10 files; this one has 11. Remove some or send them in two messages.',
    );
    expect(attachmentLimitProblem([file(MAX_ATTACHMENT_BYTES + 1024 * 1024, 'big.mov')])).toBe(
      '“big.mov” is 21 MB; a file can be at most 20 MB.',
    );
    expect(
      attachmentLimitProblem([file(MAX_ATTACHMENT_BYTES), file(MAX_ATTACHMENT_BYTES), file(MAX_ATTACHMENT_BYTES)]),
    ).toBe(
      'These files come to 60 MB together; a message can carry at most 50 MB. Remove some or send them in two messages.',
    );
  });
});

describe('what a model reads', () => {
  it('believes the provider list first, then what is known of OpenAI and Anthropic models', () => {
    const listed = [
      { id: 'router/text', inputs: ['text' as const] },
      { id: 'router/vision', inputs: ['text' as const, 'image' as const, 'file' as const] },
    ];
    expect(modelInputs({ kind: 'openai-compatible' }, 'router/text', listed)).toEqual({
      images: false,
      pdfFiles: false,
      imageModels: ['router/vision'],
    });
    expect(modelInputs({ kind: 'openai-compatible' }, 'router/vision', listed).pdfFiles).toBe(true);
    // A local server that lists nothing: images are sent, PDFs go as text.
    expect(modelInputs({ kind: 'openai-compatible' }, 'llava', [{ id: 'llava' }])).toEqual({
      images: undefined,
      pdfFiles: false,
      imageModels: [],
    });
    const openai = [{ id: 'gpt-3.5-turbo' }, { id: 'gpt-4o' }, { id: 'o3-mini' }];
    expect(modelInputs({ kind: 'openai' }, 'gpt-3.5-turbo', openai)).toEqual({
      images: false,
      pdfFiles: false,
      imageModels: ['gpt-4o'],
    });
    expect(modelInputs({ kind: 'openai' }, 'gpt-4o', openai)).toMatchObject({ images: true, pdfFiles: true });
    expect(modelInputs({ kind: 'anthropic' }, 'claude-sonnet-4-5', undefined)).toMatchObject({
      images: true,
      pdfFiles: true,
    });
    expect(modelInputs({ kind: 'anthropic' }, 'claude-2.1', undefined)).toMatchObject({
      images: false,
      pdfFiles: false,
    });
  });
});
