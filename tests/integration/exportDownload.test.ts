import { afterEach, describe, expect, it } from 'vitest';
import { TRANSFER_CHUNK_BYTES, type ConversationExport } from '../../src/shared/contract';
import { startTestHost, type TestHost } from '../helpers/host';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hostWithLongConversation() {
  const running: TestHost = await startTestHost(tempDir());
  cleanups.push(() => running.close());
  const session = running.core.store.createSession('Porto notes — “long”');
  // More than two chunks of export: the download streams them one after another.
  const line = 'Trams run until 23:00 and the river walk is lovely at dusk. ';
  for (let index = 0; index < 60; index++) {
    running.core.store.appendMessage({
      sessionId: session.id,
      role: index % 2 === 0 ? 'user' : 'assistant',
      parts: [{ type: 'text', text: `${index}: ${line.repeat(700)}` }],
      status: 'complete',
      origin: 'user',
    });
  }
  const window = socketClient(running.host.port, running.host.token);
  cleanups.push(() => window.close());
  return { running, session, api: window.api };
}

describe('browser host: exports download over HTTP, never through the page', () => {
  it('streams a prepared export to a one-time address with its name, then releases it', async () => {
    const { running, session, api } = await hostWithLongConversation();
    const prepared = await api.exports.conversation({ sessionId: session.id, format: 'json' });
    expect(prepared.size).toBeGreaterThan(2 * TRANSFER_CHUNK_BYTES);
    const { url } = await api.shell.downloadExport({ exportId: prepared.exportId, fileName: prepared.fileName });
    expect(url).toMatch(/^\/downloads\/[\w-]{32}$/);

    const address = `http://127.0.0.1:${running.host.port}${url}`;
    const cookie = `${running.host.cookieName}=${running.host.token}`;
    const response = await fetch(address, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(prepared.size));
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${prepared.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(prepared.fileName)}`,
    );
    const body = await response.text();
    expect(Buffer.byteLength(body)).toBe(prepared.size);
    const document = JSON.parse(body) as ConversationExport;
    expect(document.conversation.title).toBe('Porto notes — “long”');

    // Once: the address is spent and the export released.
    const again = await fetch(address, { headers: { cookie } });
    expect(again.status).toBe(404);
    expect(await again.text()).toBe('Navi: that download is over or was never offered. Export again.');
    await expect(api.exports.read({ exportId: prepared.exportId, offset: 0 })).rejects.toThrow(/That export is over/);
  });

  it('refuses without the token, unknown addresses, other methods and offers for no export', async () => {
    const { running, session, api } = await hostWithLongConversation();
    const prepared = await api.exports.conversation({ sessionId: session.id, format: 'markdown' });
    const { url } = await api.shell.downloadExport({ exportId: prepared.exportId, fileName: prepared.fileName });
    const base = `http://127.0.0.1:${running.host.port}`;
    const cookie = `${running.host.cookieName}=${running.host.token}`;

    expect((await fetch(`${base}${url}`)).status).toBe(401);
    expect((await fetch(`${base}${url}`, { method: 'HEAD', headers: { cookie } })).status).toBe(405);
    expect((await fetch(`${base}/downloads/not-a-ticket`, { headers: { cookie } })).status).toBe(404);
    // The refusals above did not spend the offer.
    expect((await fetch(`${base}${url}`, { headers: { cookie } })).status).toBe(200);

    const none = await api.shell.downloadExport({ exportId: 'no-such-export', fileName: 'x.md' });
    const missing = await fetch(`${base}${none.url}`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('Navi: That export is over or was never made. Export again.');
  });
});
