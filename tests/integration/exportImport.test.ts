import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, type ConversationExport, type NaviClient } from '../../src/shared/contract';
import { makePng } from '../fixtures/attachmentFiles';
import { reply, startOpenAiFixture } from '../fixtures';
import { startTestHost, type TestHost } from '../helpers/host';
import { download, exportJson as exportDocument, structure } from '../helpers/exports';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const fixture = await startOpenAiFixture({ models: ['fixture-model'] });
  cleanups.push(() => fixture.close());
  fixture.setDefaultReply(reply.text('Seen it.'));
  const dataDir = tempDir();
  const running: TestHost = await startTestHost(dataDir, {
    env: { OPENAI_BASE_URL: fixture.baseURL, NAVI_MODEL: 'fixture-model' },
  });
  cleanups.push(() => running.close());
  const window = () => {
    const client = socketClient(running.host.port, running.host.token);
    cleanups.push(client.close);
    return client;
  };
  return { fixture, dataDir, window, core: running.core };
}

async function settled(api: NaviClient, sessionId: string) {
  await expect
    .poll(async () => (await api.sessions.get({ id: sessionId })).activeRun, { timeout: 10_000 })
    .toBeUndefined();
  return api.sessions.get({ id: sessionId });
}

/** Sends a file to import in chunks, the way a window does. */
async function importBytes(api: NaviClient, bytes: Buffer, name = 'export.navi.json') {
  const { importId, chunkBytes } = await api.exports.beginImport({ name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await api.exports.importChunk({
      importId,
      offset,
      data: bytes.subarray(offset, offset + chunkBytes).toString('base64'),
    });
  }
  return api.exports.finishImport({ importId });
}

/** Refusal text of a call that must fail. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

/** A conversation's JSON export, checking how the file is offered. */
async function exportJson(api: NaviClient, sessionId: string): Promise<ConversationExport> {
  const prepared = await api.exports.conversation({ sessionId, format: 'json' });
  expect(prepared).toMatchObject({ mediaType: 'application/json' });
  expect(prepared.fileName).toMatch(/\.navi\.json$/);
  await api.exports.release({ exportId: prepared.exportId });
  return exportDocument(api, sessionId);
}

/** A conversation with a tool call, an image, an edited first message (two branches), a regenerated reply and a recall note. */
async function richConversation(setupResult: Awaited<ReturnType<typeof setup>>) {
  const { fixture, window, core } = setupResult;
  const { api } = window();
  const png = makePng(5, 4);
  const { uploadId } = await api.attachments.begin({ name: 'chart.png', size: png.length, mediaType: 'image/png' });
  await api.attachments.chunk({ uploadId, offset: 0, data: png.toString('base64') });
  const image = await api.attachments.finish({ uploadId });

  fixture.script(reply.toolCalls([{ name: 'current_time', input: {} }]), reply.text('It is late; the chart is red.'));
  const started = await api.chat.start({
    text: 'What time is it? And the chart?',
    attachments: [{ id: image.id, name: 'chart.png' }],
  });
  const { sessionId } = started;
  await settled(api, sessionId);
  fixture.script(reply.text('Second version.'));
  await api.chat.regenerate({ sessionId, messageId: started.replyId });
  await settled(api, sessionId);
  fixture.script(reply.text('An edited answer.'));
  await api.chat.edit({ sessionId, messageId: started.messageId, text: 'Only the time, please.' });
  await settled(api, sessionId);
  core.store.appendMessage({
    sessionId,
    role: 'system',
    parts: [{ type: 'text', text: 'Recall “check the time” fired at 9:00.' }],
    status: 'complete',
    origin: 'recall',
  });
  await api.sessions.rename({ id: sessionId, title: 'Time & charts' });
  return { api, sessionId, png, image };
}

describe('export and import of conversations through the host', () => {
  it('a conversation exports to JSON with every branch, tool call, note and file, and imports back equal with new ids', async () => {
    const env = await setup();
    const { api, sessionId, png, image } = await richConversation(env);
    const exported = await exportJson(api, sessionId);

    expect(exported).toMatchObject({ format: 'navi-conversation', version: 1, app: { name: 'Navi' } });
    const messages = exported.conversation.messages;
    // Two first messages (the original and the edit), two replies to the original, one to the edit, a note.
    expect(messages.filter((message) => message.parentId === null)).toHaveLength(2);
    expect(messages.filter((message) => message.role === 'assistant')).toHaveLength(3);
    const parts = messages.flatMap((message) => message.parts);
    expect(parts.some((part) => part.type === 'tool-call' && part.toolName === 'current_time')).toBe(true);
    expect(parts.some((part) => part.type === 'tool-result' && part.toolName === 'current_time')).toBe(true);
    expect(messages.at(-1)).toMatchObject({ role: 'system', origin: 'recall' });
    expect(exported.attachments).toEqual([
      { id: image.id, kind: 'image', mediaType: 'image/png', size: png.length, data: png.toString('base64') },
    ]);

    const before = await api.sessions.list();
    const { sessions } = await importBytes(api, Buffer.from(JSON.stringify(exported)));
    expect(sessions).toHaveLength(1);
    const imported = sessions[0]!;
    expect(imported.id).not.toBe(sessionId);
    expect(imported.title).toBe('Time & charts');
    expect((await api.sessions.list()).map((session) => session.id).sort()).toEqual(
      [...before.map((session) => session.id), imported.id].sort(),
    );

    const again = await exportJson(api, imported.id);
    expect(structure(again)).toEqual(structure(exported));
    const oldIds = new Set(messages.map((message) => message.id));
    expect(again.conversation.messages.some((message) => oldIds.has(message.id))).toBe(false);
    // The branch on screen came along: the snapshot shows the edited branch with its note.
    const snapshot = await api.sessions.get({ id: imported.id });
    expect(snapshot.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'system']);
    expect(snapshot.forks['']).toHaveLength(2);

    // The original is untouched, and deleting it keeps the file the copy refers to.
    await api.sessions.delete({ id: sessionId });
    await expect.poll(() => env.core.attachments.store.ofSession(imported.id)).toEqual([image.id]);
    const read = await api.attachments.read({ id: image.id });
    expect(Buffer.from(read.data, 'base64').equals(png)).toBe(true);
  });

  it('recalls (schedule, state, run history) and the tool-run log travel with a conversation; an import brings its recalls back paused', async () => {
    const env = await setup();
    const { api, sessionId } = await richConversation(env);
    const hourly = await api.recalls.create({
      sessionId,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Check the time again',
      maxRuns: 5,
      notify: 'never',
    });
    const later = await api.recalls.create({
      sessionId,
      schedule: { kind: 'once', at: Date.now() + 86_400_000 },
      message: 'Say good morning',
    });
    await api.recalls.runNow({ id: hourly.id });
    await expect
      .poll(async () => (await api.recalls.history({ recallId: hourly.id })).map((run) => run.outcome), {
        timeout: 10_000,
      })
      .toEqual(['success']);
    await settled(api, sessionId);

    const exported = await exportJson(api, sessionId);
    const byMessage = (document: ConversationExport, message: string) =>
      document.recalls!.find((recall) => recall.message === message)!;
    expect(exported.recalls).toHaveLength(2);
    expect(byMessage(exported, 'Check the time again')).toMatchObject({
      kind: 'interval',
      intervalSeconds: 3600,
      status: 'pending',
      maxRuns: 5,
      notify: 'never',
      runCount: 1,
      runs: [{ outcome: 'success' }],
    });
    expect(byMessage(exported, 'Say good morning')).toMatchObject({ kind: 'once', status: 'pending', runs: [] });
    expect(exported.toolRuns).toEqual([
      expect.objectContaining({ toolName: 'current_time', decision: 'allowed', outcome: 'succeeded', origin: 'user' }),
    ]);

    const requestsBefore = env.fixture.chatRequests().length;
    const { sessions, pausedRecalls } = await importBytes(api, Buffer.from(JSON.stringify(exported)));
    expect(pausedRecalls).toBe(2);
    const imported = sessions[0]!;
    const recalls = await api.recalls.list({ sessionId: imported.id });
    expect(recalls.map((recall) => [recall.message, recall.status]).sort()).toEqual([
      ['Check the time again', 'paused'],
      ['Say good morning', 'paused'],
    ]);
    expect(recalls.some((recall) => recall.id === hourly.id || recall.id === later.id)).toBe(false);
    const copy = recalls.find((recall) => recall.message === 'Check the time again')!;
    expect(copy).toMatchObject({
      runCount: 1,
      maxRuns: 5,
      notify: 'never',
      nextRunAt: byMessage(exported, 'Check the time again').nextRunAt,
    });
    expect((await api.recalls.history({ recallId: copy.id })).map((run) => run.outcome)).toEqual(['success']);
    const log = await api.tools.runLog({ sessionId: imported.id });
    expect(log.entries.map((entry) => [entry.toolName, entry.decision])).toEqual([['current_time', 'allowed']]);
    // Nothing ran on import, and the export of the copy is the same but for the paused state.
    expect(env.fixture.chatRequests().length).toBe(requestsBefore);
    const again = await exportJson(api, imported.id);
    const unpaused = (document: ConversationExport) => ({
      ...structure(document),
      recalls: structure(document).recalls?.map((recall) => ({ ...recall, status: 'any' })),
    });
    expect(unpaused(again)).toEqual(unpaused(exported));

    const markdown = (await api.exports.markdown({ sessionId })).markdown;
    expect(markdown).toContain('## Recalls');
    expect(markdown).toContain('### Every hour');
    expect(markdown).toContain('> Check the time again');
    expect(markdown).toMatch(/scheduled · 1 run · next .* · at most 5 runs · created by you/);
    expect(markdown).toMatch(/- .*: success/);
    expect(markdown).toContain('## Tool runs');
    expect(markdown).toMatch(/- .*: \*\*.*\*\* — allowed, succeeded\./);
  });

  it('exports Markdown with the branches, tool calls and times in words, and the same text to copy', async () => {
    const env = await setup();
    const { api, sessionId } = await richConversation(env);
    const prepared = await api.exports.conversation({ sessionId, format: 'markdown' });
    expect(prepared.fileName).toMatch(/^time-charts-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = (await download(api, prepared)).toString('utf8');
    expect(markdown.startsWith('# Time & charts\n')).toBe(true);
    expect(markdown).toContain('Only the time, please.');
    expect(markdown).toContain('### Branch: another version of #1');
    expect(markdown).toContain('**Tool call** `current_time`');
    expect(markdown).toContain('> Attached file: chart.png (image/png');
    expect(markdown).toContain('Recall “check the time” fired at 9:00.');
    // Times read as words in the person's zone, not as ISO stamps.
    expect(markdown).toMatch(/^\*\*#1 You\*\* · \d{1,2}:\d{2}( [AP]M)? on \w{3}, /m);
    expect((await api.exports.markdown({ sessionId })).markdown).toBe(markdown);
  });

  it('exports everything as a ZIP archive that imports back as new conversations', async () => {
    const env = await setup();
    const { api, sessionId, image, png } = await richConversation(env);
    const second = await api.chat.start({ text: 'Another chat' });
    await settled(api, second.sessionId);
    await api.sessions.rename({ id: second.sessionId, title: 'Another chat' });
    await api.sessions.setArchived({ id: second.sessionId, archived: true });

    const prepared = await api.exports.archive();
    expect(prepared.fileName).toMatch(/^navi-archive-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await download(api, prepared);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual([
      `attachments/${image.id}`,
      'conversations/0001-another-chat.json',
      'conversations/0002-time-charts.json',
      'navi-archive.json',
    ]);
    expect(Buffer.from(entries[`attachments/${image.id}`]!).equals(png)).toBe(true);

    const { sessions } = await importBytes(api, zip, 'navi-archive.zip');
    expect(sessions.map((session) => [session.title, session.archived])).toEqual([
      ['Another chat', true],
      ['Time & charts', false],
    ]);
    const copy = sessions[1]!;
    expect(structure(await exportJson(api, copy.id))).toEqual(structure(await exportJson(api, sessionId)));
  });

  it('refuses a file too large, not JSON, of a newer version, of another kind or damaged, and adds nothing', async () => {
    const env = await setup();
    const { api, sessionId } = await richConversation(env);
    const exported = await exportJson(api, sessionId);
    const before = (await api.sessions.list({ includeArchived: true })).length;
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));

    expect(await refusal(api.exports.beginImport({ name: 'huge.json', size: MAX_IMPORT_BYTES + 1 }))).toContain(
      'A file to import can be at most 200 MB.',
    );
    expect(await refusal(importBytes(api, Buffer.from('{"format": "navi-conv')))).toMatch(
      /^This file is not valid JSON \(/,
    );
    expect(await refusal(importBytes(api, json({ ...exported, version: 2 })))).toBe(
      'This file was exported by a newer Navi (format version 2); this Navi reads version 1. Update Navi to import it.',
    );
    expect(await refusal(importBytes(api, json({ hello: 'world' })))).toBe(
      'This file is not a Navi conversation export. Choose a file Navi exported (Export → JSON or All conversations).',
    );
    const badRole = structuredClone(exported);
    (badRole.conversation.messages[0] as { role: string }).role = 'wizard';
    expect(await refusal(importBytes(api, json(badRole)))).toMatch(
      /^This conversation export is damaged or incomplete — conversation\.messages\.0\.role: /,
    );
    const orphan = structuredClone(exported);
    orphan.conversation.messages[1]!.parentId = 'nowhere';
    expect(await refusal(importBytes(api, json(orphan)))).toBe(
      `Message “${orphan.conversation.messages[1]!.id}” follows a message that is not in this export.`,
    );
    const loop = structuredClone(exported);
    loop.conversation.messages[0]!.parentId = loop.conversation.messages[1]!.id;
    expect(await refusal(importBytes(api, json(loop)))).toBe(
      'The messages in this export refer to each other in a loop, so they are not a conversation.',
    );
    const tampered = structuredClone(exported);
    const png = Buffer.from(tampered.attachments[0]!.data!, 'base64');
    png.writeUInt8(png.readUInt8(png.length - 1) ^ 0xff, png.length - 1);
    tampered.attachments[0]!.data = png.toString('base64');
    expect(await refusal(importBytes(api, json(tampered)))).toBe(
      'The attached file “chart.png” is damaged: its bytes do not match its id.',
    );
    const notArchive = Buffer.from(zipSync({ 'readme.txt': strToU8('hello') }));
    expect(await refusal(importBytes(api, notArchive, 'x.zip'))).toBe(
      'This ZIP file is not a Navi archive (it has no navi-archive.json).',
    );

    expect(await api.sessions.list({ includeArchived: true })).toHaveLength(before);
    // Nothing half-imported stays on disk either.
    expect(readdirSync(join(env.dataDir, 'transfers'))).toEqual([]);
  });

  it('an archive with one bad conversation adds none of them', async () => {
    const env = await setup();
    const { api } = await richConversation(env);
    const entries = unzipSync(await download(api, await api.exports.archive()));
    const [name] = Object.keys(entries).filter((entry) => entry.startsWith('conversations/'));
    const document = JSON.parse(Buffer.from(entries[name!]!).toString('utf8')) as ConversationExport;
    const good = Buffer.from(JSON.stringify(document));
    document.conversation.activeLeafId = 'elsewhere';
    const manifest = JSON.parse(Buffer.from(entries['navi-archive.json']!).toString('utf8'));
    manifest.conversations = [
      { file: 'conversations/a.json', title: 'a' },
      { file: 'conversations/b.json', title: 'b' },
    ];
    const attachments = Object.fromEntries(
      Object.entries(entries).filter(([entry]) => entry.startsWith('attachments/')),
    );
    const zip = zipSync({
      ...attachments,
      'navi-archive.json': strToU8(JSON.stringify(manifest)),
      'conversations/a.json': good,
      'conversations/b.json': strToU8(JSON.stringify(document)),
    });
    const before = (await api.sessions.list()).length;
    expect(await refusal(importBytes(api, Buffer.from(zip), 'navi.zip'))).toBe(
      'conversations/b.json: The branch on screen in this export ends at a message that is not in it. Nothing was imported.',
    );
    expect(await api.sessions.list()).toHaveLength(before);
  });

  it('a window that closes takes its exports and imports with it', async () => {
    const env = await setup();
    const first = env.window();
    const { sessionId } = await first.api.chat.start({ text: 'Hello' });
    await settled(first.api, sessionId);
    const prepared = await first.api.exports.conversation({ sessionId, format: 'json' });
    await first.api.exports.beginImport({ name: 'x.json', size: 10 });
    expect(readdirSync(join(env.dataDir, 'transfers'))).toHaveLength(1);
    const second = env.window();
    // Another window cannot read this window's export.
    expect(await refusal(second.api.exports.read({ exportId: prepared.exportId, offset: 0 }))).toBe(
      'That export is over or was never made. Export again.',
    );
    first.close();
    await expect.poll(() => readdirSync(join(env.dataDir, 'transfers'))).toEqual([]);
    expect(existsSync(join(env.dataDir, 'transfers'))).toBe(true);
  });
});
