import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/ports';
import { createAppProtocolHandler } from '../../../src/main/appProtocol';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const warnings: string[] = [];
const logger: Logger = { info: () => {}, warn: (message) => warnings.push(message), error: () => {} };

/** A built page's folder with a secret beside it, and the handler serving the folder. */
function servedPage() {
  const root = tempDir();
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Navi</title>');
  writeFileSync(join(dir, 'theme.js'), 'document.documentElement.dataset.theme = "dark";');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export const answer = 42;');
  writeFileSync(join(dir, 'assets', 'KaTeX_Main-Regular-x1.woff'), Buffer.from([0x77, 0x4f, 0x46, 0x46]));
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const handle = createAppProtocolHandler(dir, logger);
  return (url: string, init?: RequestInit) => handle(new Request(url, init));
}

describe('the navi://app/ protocol', () => {
  it('serves the page and its assets with the types module scripts and fonts need', async () => {
    const request = servedPage();
    const page = await request('navi://app/index.html#/c/abc');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<title>Navi</title>');
    for (const root of ['navi://app/', 'navi://app'])
      expect(await (await request(root)).text()).toContain('<title>Navi</title>');

    const script = await request('navi://app/assets/index-abc123.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('export const answer = 42;');
    // Relative to a nested route's page, as the built page refers to them.
    expect((await request('navi://app/theme.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await request('navi://app/assets/KaTeX_Main-Regular-x1.woff')).headers.get('content-type')).toBe(
      'font/woff',
    );

    const head = await request('navi://app/assets/index-abc123.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses, readably, anything outside the folder, other hosts, writes and missing files', async () => {
    const request = servedPage();
    for (const url of [
      'navi://app/%2e%2e/secret.txt',
      'navi://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'navi://app/..%2fsecret.txt',
      'navi://app/assets/%00.js',
      'navi://app/assets/%E0%A4%A.js',
      'navi://app/assets/missing.js',
      'navi://app/assets',
      'navi://elsewhere/index.html',
      'navi://app.evil/index.html',
    ]) {
      const response = await request(url);
      expect(response.status, url).toBe(404);
      const text = await response.text();
      expect(text, url).toMatch(/^Navi: /);
      expect(text, url).not.toContain('do not serve');
    }
    const post = await request('navi://app/index.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(await post.text()).toBe('Navi: pages are only read.');
  });
});
