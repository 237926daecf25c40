import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_CHUNK_BYTES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type AttachmentInfo,
  type NaviClient,
} from '../../src/shared/contract';
import type { Env } from '../../src/core/settings/envSettings';
import { makeGif, makePdf, makePng } from '../fixtures/attachmentFiles';
import { reply, startAnthropicFixture, startOpenAiFixture, type FixtureServer } from '../fixtures';
import { startTestHost, type TestHost } from '../helpers/host';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Provider = 'openai-compatible' | 'openai' | 'anthropic';

async function setup(options: { provider?: Provider; model?: string; modelInputs?: Record<string, string[]> } = {}) {
  const provider = options.provider ?? 'openai-compatible';
  const fixture: FixtureServer =
    provider === 'anthropic'
      ? await startAnthropicFixture({ apiKey: 'sk-ant-test', models: [options.model ?? 'claude-sonnet-4-5'] })
      : await startOpenAiFixture({
          models: [options.model ?? 'fixture-model', ...Object.keys(options.modelInputs ?? {})],
          modelInputs: options.modelInputs,
        });
  cleanups.push(() => fixture.close());
  fixture.setDefaultReply(reply.text('Seen it.'));
  const env: Env =
    provider === 'anthropic'
      ? { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: fixture.baseURL, NAVI_MODEL: options.model }
      : {
          OPENAI_BASE_URL: fixture.baseURL,
          // With a key the environment's provider is "OpenAI"; without one, an OpenAI-compatible server.
          ...(provider === 'openai' ? { OPENAI_API_KEY: 'sk-test' } : {}),
          NAVI_MODEL: options.model ?? 'fixture-model',
        };
  const dataDir = tempDir();
  let running: TestHost = await startTestHost(dataDir, { env });
  const close = () => running.close();
  cleanups.push(() => close());
  const window = () => {
    const client = socketClient(running.host.port, running.host.token);
    cleanups.push(client.close);
    return client;
  };
  const restart = async () => {
    await running.close();
    running = await startTestHost(dataDir, { env });
  };
  return { fixture, dataDir, window, restart, core: () => running.core };
}

/** Uploads bytes the way a window does: begin, chunks in order, finish. */
async function upload(api: NaviClient, name: string, bytes: Buffer, mediaType = ''): Promise<AttachmentInfo> {
  const { uploadId, chunkBytes } = await api.attachments.begin({ name, size: bytes.length, mediaType });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await api.attachments.chunk({
      uploadId,
      offset,
      data: bytes.subarray(offset, offset + chunkBytes).toString('base64'),
    });
  }
  return api.attachments.finish({ uploadId });
}

async function readAll(api: NaviClient, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; ;) {
    const page = await api.attachments.read({ id, offset });
    parts.push(Buffer.from(page.data, 'base64'));
    offset += Buffer.from(page.data, 'base64').length;
    if (offset >= page.total) return Buffer.concat(parts);
  }
}

async function settled(api: NaviClient, sessionId: string) {
  await expect
    .poll(async () => (await api.sessions.get({ id: sessionId })).activeRun, { timeout: 10_000 })
    .toBeUndefined();
  return api.sessions.get({ id: sessionId });
}

function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, 'attachments', 'files');
  return readdirSync(root).flatMap((fan) => readdirSync(join(root, fan)));
}

/** The last streamed chat request (title requests are not streamed). */
function lastChat(fixture: FixtureServer) {
  return fixture.chatRequests().findLast((request) => request.body?.stream === true)!;
}

/** The user content of the last chat's last user message (OpenAI Chat Completions). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function lastUserContent(fixture: FixtureServer): any[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const messages = lastChat(fixture).body.messages as any[];
  return messages.filter((message) => message.role === 'user').at(-1).content;
}

describe('attachments through the browser host and a real provider over HTTP', () => {
  it('an image reaches an OpenAI-compatible server as an image part with its media type and bytes', async () => {
    const { fixture, window } = await setup();
    const { api } = window();
    const png = makePng();
    const info = await upload(api, 'red.png', png, 'image/png');
    expect(info).toMatchObject({ kind: 'image', mediaType: 'image/png', size: png.length, name: 'red.png' });

    const { sessionId } = await api.chat.start({
      text: 'What colour is this?',
      attachments: [{ id: info.id, name: 'red.png' }],
    });
    const snapshot = await settled(api, sessionId);
    // The message refers to the file; its bytes are not in the message.
    expect(snapshot.messages[0]!.parts).toEqual([
      { type: 'text', text: 'What colour is this?' },
      { type: 'attachment', ...info },
    ]);
    const content = lastUserContent(fixture);
    expect(content).toEqual([
      { type: 'text', text: 'Attached image "red.png":' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } },
      { type: 'text', text: 'What colour is this?' },
    ]);
    expect(await readAll(api, info.id)).toEqual(png);
  });

  it('uploads a file larger than one chunk and reads it back the same', async () => {
    const { window } = await setup();
    const { api } = window();
    const text = Buffer.from('line of a log file\n'.repeat(Math.ceil((ATTACHMENT_CHUNK_BYTES * 2.5) / 19)));
    const info = await upload(api, 'server.log', text, 'text/x-log');
    expect(info).toMatchObject({ kind: 'text', mediaType: 'text/x-log', size: text.length });
    expect(info.lines).toBe(text.length / 19);
    // Compared natively: a deep equal walks megabytes byte by byte.
    expect((await readAll(api, info.id)).equals(text)).toBe(true);
  });

  it('a text file goes inline with its name', async () => {
    const { fixture, window } = await setup();
    const { api } = window();
    const csv = Buffer.from('name,count\napples,3\npears,5\n');
    const info = await upload(api, 'fruit.csv', csv, 'text/csv');
    expect(info).toMatchObject({ kind: 'text', mediaType: 'text/csv', lines: 3 });
    const { sessionId } = await api.chat.start({ text: 'Sum it', attachments: [{ id: info.id, name: 'fruit.csv' }] });
    await settled(api, sessionId);
    expect(lastUserContent(fixture)).toEqual([
      {
        type: 'text',
        text: 'Attached file "fruit.csv" (text/csv, 3 lines):\n<file name="fruit.csv">\nname,count\napples,3\npears,5\n\n</file>',
      },
      { type: 'text', text: 'Sum it' },
    ]);
  });

  it('a PDF goes as a file to OpenAI and as its extracted text to an OpenAI-compatible server', async () => {
    const pdf = makePdf(['Quarterly report', 'Revenue (up) 12 percent']);
    const openai = await setup({ provider: 'openai', model: 'gpt-4o' });
    const first = openai.window();
    const info = await upload(first.api, 'report.pdf', pdf, 'application/pdf');
    expect(info).toMatchObject({ kind: 'pdf', mediaType: 'application/pdf', pages: 2 });
    const started = await first.api.chat.start({
      text: 'Summarise',
      attachments: [{ id: info.id, name: 'report.pdf' }],
    });
    await settled(first.api, started.sessionId);
    expect(lastUserContent(openai.fixture)).toEqual([
      { type: 'text', text: 'Attached PDF "report.pdf" (2 pages):' },
      {
        type: 'file',
        file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdf.toString('base64')}` },
      },
      { type: 'text', text: 'Summarise' },
    ]);

    const compatible = await setup({ provider: 'openai-compatible' });
    const second = compatible.window();
    const again = await upload(second.api, 'report.pdf', pdf);
    const text = await second.api.attachments.readText({ id: again.id });
    expect(text.data).toBe('Quarterly report\n\nRevenue (up) 12 percent');
    const run = await second.api.chat.start({ text: 'Summarise', attachments: [{ id: again.id, name: 'report.pdf' }] });
    await settled(second.api, run.sessionId);
    expect(lastUserContent(compatible.fixture)[0]).toEqual({
      type: 'text',
      text: 'Attached file "report.pdf" (PDF (2 pages), its text):\n<file name="report.pdf">\nQuarterly report\n\nRevenue (up) 12 percent\n</file>',
    });
  });

  it('Anthropic gets an image and a PDF as its image and document blocks', async () => {
    const { fixture, window } = await setup({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    const { api } = window();
    const png = makePng(2, 2, [0, 0, 255]);
    const pdf = makePdf(['Contract']);
    const image = await upload(api, 'blue.png', png);
    const document = await upload(api, 'contract.pdf', pdf);
    const { sessionId } = await api.chat.start({
      text: 'Compare',
      attachments: [
        { id: image.id, name: 'blue.png' },
        { id: document.id, name: 'contract.pdf' },
      ],
    });
    await settled(api, sessionId);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const content = lastChat(fixture).body.messages[0].content as any[];
    expect(content.find((block) => block.type === 'image')).toMatchObject({
      source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') },
    });
    expect(content.find((block) => block.type === 'document')).toMatchObject({
      source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') },
    });
  });

  it('an animated GIF goes to the model as its first frame (PNG)', async () => {
    const { fixture, window } = await setup();
    const { api } = window();
    const info = await upload(api, 'spin.gif', makeGif(3), 'image/gif');
    expect(info).toMatchObject({ kind: 'image', mediaType: 'image/gif' });
    const { sessionId } = await api.chat.start({
      text: 'What is it?',
      attachments: [{ id: info.id, name: 'spin.gif' }],
    });
    await settled(api, sessionId);
    const url: string = lastUserContent(fixture)[1].image_url.url;
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const { PNG } = await import('pngjs');
    const frame = PNG.sync.read(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
    // The first frame is palette colour 0: red.
    expect([frame.width, frame.height, ...frame.data.subarray(0, 4)]).toEqual([3, 2, 255, 0, 0, 255]);
  });

  it('refuses what it cannot take and what is over the limits, with the reason', async () => {
    const { window } = await setup();
    const { api } = window();
    await expect(
      api.attachments.begin({ name: 'huge.mov', size: MAX_ATTACHMENT_BYTES + 1, mediaType: 'video/quicktime' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('“huge.mov” is 20 MB; a file can be at most 20 MB.') });

    const zip = Buffer.from('504b0304140000000800000000000000000000000000000000000000', 'hex');
    await expect(upload(api, 'archive.zip', zip)).rejects.toMatchObject({
      message:
        '“archive.zip” is a ZIP file (application/zip). Navi can attach images (PNG, JPEG, WebP, GIF), PDFs and text files (code, Markdown, CSV, JSON, logs).',
    });
    await expect(upload(api, 'data.bin', Buffer.from([0x41, 0x00, 0x42]))).rejects.toMatchObject({
      message: expect.stringContaining('“data.bin” is not an image, a PDF or a UTF-8 text file.'),
    });

    const note = await upload(api, 'a.txt', Buffer.from('a'));
    const many = Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 1 }, (_, index) => ({
      id: note.id,
      name: `${index}.txt`,
    }));
    await expect(api.chat.start({ text: 'too many', attachments: many })).rejects.toMatchObject({
      message: expect.stringContaining(`at most ${MAX_ATTACHMENTS_PER_MESSAGE} files`),
    });
    await expect(
      api.chat.start({ text: 'gone', attachments: [{ id: 'f'.repeat(64), name: 'gone.png' }] }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: '“gone.png” is no longer stored. Remove it and attach it again.',
    });
    expect(await api.sessions.list({ includeArchived: true })).toEqual([]);
    // Only files may stand for the text.
    await expect(api.chat.start({ text: '', attachments: [{ id: note.id, name: 'a.txt' }] })).resolves.toMatchObject({
      sessionId: expect.any(String),
    });
  });

  it('a model known not to read images gets a readable error before anything is sent', async () => {
    const { fixture, window } = await setup({
      model: 'text-only',
      modelInputs: { 'text-only': ['text'], 'vision-large': ['text', 'image'] },
    });
    const { api } = window();
    const info = await upload(api, 'photo.png', makePng());
    const { sessionId } = await api.chat.start({ text: 'Look', attachments: [{ id: info.id, name: 'photo.png' }] });
    const snapshot = await settled(api, sessionId);
    expect(snapshot.messages.at(-1)!.parts).toContainEqual({
      type: 'error',
      message:
        'The model “text-only” cannot read images, so “photo.png” was not sent. Choose a model that reads images, such as “vision-large”, in Settings, or edit your message to leave the image out.',
    });
    expect(fixture.chatRequests()).toHaveLength(0);
  });

  it('keeps files and messages across a restart, and deletes a file with the last conversation using it', async () => {
    const { window, restart, dataDir } = await setup();
    const first = window().api;
    const shared = await upload(first, 'shared.png', makePng(2, 2));
    const own = await upload(first, 'own.md', Buffer.from('# Notes\n'));
    const one = await first.chat.start({
      text: 'one',
      attachments: [
        { id: shared.id, name: 'shared.png' },
        { id: own.id, name: 'own.md' },
      ],
    });
    await settled(first, one.sessionId);
    const again = await upload(first, 'copy.png', makePng(2, 2));
    expect(again.id).toBe(shared.id);
    const two = await first.chat.start({ text: 'two', attachments: [{ id: shared.id, name: 'copy.png' }] });
    await settled(first, two.sessionId);
    expect(storedFiles(dataDir).sort()).toEqual([own.id, shared.id].sort());

    await restart();
    const api = window().api;
    const snapshot = await api.sessions.get({ id: one.sessionId });
    expect(snapshot.messages[0]!.parts.filter((part) => part.type === 'attachment')).toHaveLength(2);
    expect((await api.attachments.readText({ id: own.id })).data).toBe('# Notes\n');

    await api.sessions.delete({ id: one.sessionId });
    // The file only the deleted conversation used is gone; the shared one stays.
    await expect.poll(() => storedFiles(dataDir)).toEqual([shared.id]);
    await expect(api.attachments.read({ id: own.id })).rejects.toMatchObject({ code: 'not_found' });
    await api.sessions.delete({ id: two.sessionId });
    await expect.poll(() => storedFiles(dataDir)).toEqual([]);
  });

  it('an upload dies with its connection: partial uploads and unsent files are removed', async () => {
    const { window, dataDir, core } = await setup();
    const client = window();
    const bytes = Buffer.from('x'.repeat(ATTACHMENT_CHUNK_BYTES + 10));
    const { uploadId } = await client.api.attachments.begin({ name: 'big.txt', size: bytes.length, mediaType: '' });
    await client.api.attachments.chunk({
      uploadId,
      offset: 0,
      data: bytes.subarray(0, ATTACHMENT_CHUNK_BYTES).toString('base64'),
    });
    const unsent = await upload(client.api, 'draft.txt', Buffer.from('not sent yet'));
    expect(readdirSync(join(dataDir, 'attachments', 'uploads'))).toHaveLength(1);
    expect(core().attachments.stats()).toEqual({ peers: 1, uploads: 1, held: 1 });

    // Another window cannot touch this window's upload.
    const other = window().api;
    await expect(other.attachments.finish({ uploadId })).rejects.toMatchObject({ code: 'not_found' });

    client.close();
    await expect.poll(() => core().attachments.stats().uploads).toBe(0);
    await expect.poll(() => readdirSync(join(dataDir, 'attachments', 'uploads'))).toEqual([]);
    await expect
      .poll(() => existsSync(join(dataDir, 'attachments', 'files', unsent.id.slice(0, 2), unsent.id)))
      .toBe(false);
  });

  it('a recall run in the conversation still sends the file attached earlier', async () => {
    const { fixture, window, core } = await setup();
    const { api } = window();
    const report = await upload(api, 'report.txt', Buffer.from('Sales: 10\n'));
    const { sessionId } = await api.chat.start({
      text: 'Keep this',
      attachments: [{ id: report.id, name: 'report.txt' }],
    });
    await settled(api, sessionId);
    const run = core().orchestrator.startRun(sessionId, 'Compare today with the report I attached', 'recall');
    await run.done;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const messages = lastChat(fixture).body.messages as any[];
    expect(JSON.stringify(messages)).toContain('<file name=\\"report.txt\\">\\nSales: 10\\n');
    expect(messages.at(-1)).toMatchObject({ role: 'user', content: 'Compare today with the report I attached' });
  });
});
