import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../src/shared/contract';
import { makePdf, makePng } from '../fixtures/attachmentFiles';
import { reply, startOpenAiFixture, type FixtureServer } from '../fixtures';
import { startTestHost, type TestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { sessionIdOf } from './chatDriver';

const harness = useBrowserHarness();

interface Setup {
  readonly fixture: FixtureServer;
  readonly running: TestHost;
  readonly errors: string[];
  open(hash?: string): Promise<Page>;
}

/** A host whose agent talks to a scripted OpenAI-compatible server over HTTP. */
async function setup(dataDir = harness.tempDir()): Promise<Setup> {
  const fixture = await startOpenAiFixture();
  fixture.setDefaultReply(reply.text('I see it.'));
  harness.afterTest(() => fixture.close());
  const env = { OPENAI_BASE_URL: fixture.baseURL, NAVI_MODEL: 'fixture-model' };
  const running = await startTestHost(dataDir, { env });
  harness.afterTest(() => running.close());
  const errors: string[] = [];
  return {
    fixture,
    running,
    errors,
    open: async (hash = '') => {
      const page = await harness.browser.newPage({ viewport: { width: 1200, height: 800 } });
      page.setDefaultTimeout(20_000);
      harness.afterTest(() => page.close());
      collectPageErrors(page, errors);
      await page.goto(`${running.host.url}${hash}`);
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      return page;
    },
  };
}

const chips = (page: Page) => page.getByRole('list', { name: 'Attached files' }).first().getByRole('listitem');

/** Picks files through the real file chooser opened by the paperclip. */
async function chooseFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Attach files' }).click(),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files);
}

type PageFile = { name: string; type: string; bytes: number[] };

/** The few browser constructors the page-side code below uses (this file compiles without DOM types). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (type: string, init: object) => unknown;
  DragEvent: new (type: string, init: object) => unknown;
}

/** Runs in the page: hands `files` (as the page's own File objects) to `events` on the target in a DataTransfer. */
function dispatchFiles(
  target: { dispatchEvent(event: unknown): boolean },
  { files, events, clipboard }: { files: PageFile[]; events: string[]; clipboard: boolean },
): void {
  const page = globalThis as unknown as PageGlobals;
  const data = new page.DataTransfer();
  for (const file of files) data.items.add(new page.File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  for (const type of events) {
    const init = { bubbles: true, cancelable: true };
    target.dispatchEvent(
      clipboard
        ? new page.ClipboardEvent(type, { ...init, clipboardData: data })
        : new page.DragEvent(type, { ...init, dataTransfer: data }),
    );
  }
}

const pageFile = (name: string, type: string, bytes: Buffer): PageFile => ({ name, type, bytes: [...bytes] });

/** Pastes a file into the message box as the clipboard would hand it over. */
async function pasteFile(page: Page, name: string, mimeType: string, bytes: Buffer): Promise<void> {
  await page
    .getByRole('textbox', { name: 'Message' })
    .evaluate(dispatchFiles, { files: [pageFile(name, mimeType, bytes)], events: ['paste'], clipboard: true });
}

/** Drags files over the view and drops them. */
async function dropFiles(page: Page, region: string, files: PageFile[]): Promise<void> {
  await page
    .getByRole('region', { name: region })
    .evaluate(dispatchFiles, { files, events: ['dragenter', 'dragover', 'drop'], clipboard: false });
}

async function lastImagePart(fixture: FixtureServer): Promise<unknown> {
  const [request] = (await fixture.waitForChatRequests(1)).filter((each) => each.body?.stream === true);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const user = (request!.body.messages as any[]).findLast((message) => message.role === 'user');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (user.content as any[]).find((part) => part.type === 'image_url');
}

async function imageLoaded(page: Page, name: string): Promise<boolean> {
  return page
    .getByRole('img', { name })
    .first()
    .evaluate((image) => {
      const loaded = image as unknown as { complete: boolean; naturalWidth: number };
      return loaded.complete && loaded.naturalWidth > 0;
    });
}

// Each test starts a host (two for the restart) and Chromium pages: more room than the default on a busy machine.
describe('attachments in Chromium', { timeout: 60_000 }, () => {
  it('an image picked with the file chooser reaches the provider; a second window sees its thumbnail', async () => {
    const { fixture, open, errors } = await setup();
    const page = await open();
    const png = makePng(8, 6);
    await chooseFiles(page, [{ name: 'screenshot.png', mimeType: 'image/png', buffer: png }]);
    await expect.poll(() => chips(page).count()).toBe(1);
    await expect.poll(() => chips(page).first().textContent()).toContain('screenshot.png');
    await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('What is this?');
    await page.getByRole('button', { name: 'Send' }).click();

    expect(await lastImagePart(fixture)).toEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${png.toString('base64')}` },
    });
    await expect.poll(() => chips(page).count()).toBe(0);
    await expect.poll(() => imageLoaded(page, 'screenshot.png')).toBe(true);

    // A window that opens the conversation later loads the thumbnail too, and opens it full size.
    const second = await open(`#/c/${sessionIdOf(page)}`);
    await expect.poll(() => imageLoaded(second, 'screenshot.png')).toBe(true);
    await second.getByRole('button', { name: 'Open screenshot.png' }).click();
    const viewer = second.getByRole('dialog', { name: 'screenshot.png' });
    await viewer.waitFor();
    expect(
      await viewer
        .getByRole('img', { name: 'screenshot.png' })
        .evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(8);
    await second.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('a pasted image is attached and sent with its media type and bytes', async () => {
    const { fixture, open, errors } = await setup();
    const page = await open();
    const png = makePng(3, 3, [0, 200, 0]);
    await pasteFile(page, 'image.png', 'image/png', png);
    await expect.poll(() => chips(page).count()).toBe(1);
    await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor();
    // Files alone may be sent.
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await lastImagePart(fixture)).toEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${png.toString('base64')}` },
    });
    expect(errors).toEqual([]);
  });

  it('a dropped PDF shows as a card with its pages and text; a text file goes inline', async () => {
    const { fixture, open, errors } = await setup();
    const page = await open();
    const pdf = makePdf(['Invoice 42', 'Total due']);
    await dropFiles(page, 'New chat', [
      pageFile('invoice.pdf', 'application/pdf', pdf),
      pageFile('notes.md', 'text/markdown', Buffer.from('# Due\nFriday\n')),
    ]);
    await expect.poll(() => chips(page).count()).toBe(2);
    await page.getByRole('textbox', { name: 'Message' }).fill('When is it due?');
    await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).click();

    const [request] = await fixture.waitForChatRequests(1);
    const content = JSON.stringify(request!.body.messages);
    // An OpenAI-compatible server gets the PDF's text, and the text file inline.
    expect(content).toContain('<file name=\\"invoice.pdf\\">\\nInvoice 42\\n\\nTotal due\\n</file>');
    expect(content).toContain('<file name=\\"notes.md\\">\\n# Due\\nFriday\\n\\n</file>');

    const cards = page.getByRole('article', { name: 'You' }).getByRole('list', { name: 'Attached files' });
    await expect.poll(() => cards.textContent()).toContain('invoice.pdfPDF · 2 pages');
    await expect.poll(() => cards.textContent()).toContain('notes.mdtext/markdown · 2 lines');
    await page.getByRole('button', { name: 'Show the text of invoice.pdf' }).click();
    const dialog = page.getByRole('dialog', { name: 'invoice.pdf' });
    await expect.poll(() => dialog.getByLabel('Text of invoice.pdf').textContent()).toBe('Invoice 42\n\nTotal due');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });

  it('refuses files over the limits with the reason, and blocks sending until they are removed', async () => {
    const { fixture, open } = await setup();
    const page = await open();
    const files = Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 1 }, (_, index) => ({
      name: `note-${index}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(`note ${index}`),
    }));
    const zipBytes = Buffer.from('504b030414000000080000000000', 'hex');
    await chooseFiles(page, [{ name: 'archive.zip', mimeType: 'application/zip', buffer: zipBytes }]);
    // The core looked at the bytes of the ZIP and refused it.
    const zip = chips(page).filter({ hasText: 'archive.zip' });
    await expect.poll(() => zip.textContent()).toContain('“archive.zip” is a ZIP file');
    await chooseFiles(page, files);
    await expect.poll(() => chips(page).count()).toBe(MAX_ATTACHMENTS_PER_MESSAGE + 2);
    const extra = chips(page).filter({ hasText: `note-${MAX_ATTACHMENTS_PER_MESSAGE}.txt` });
    await expect
      .poll(() => extra.textContent())
      .toContain('A message can have at most 10 files; this one has 11. Remove some or send them in two messages.');
    await page.getByRole('textbox', { name: 'Message' }).fill('Read these');
    // The ten accepted files are still uploading for a moment ("Wait until 10 files are uploaded.");
    // once they are in, the refused ones are what blocks sending.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Remove the files that cannot be attached' }).count())
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(await page.getByText('Up to 10 files, 20 MB each, 50 MB in all.').count()).toBe(1);

    await page.getByRole('button', { name: `Remove note-${MAX_ATTACHMENTS_PER_MESSAGE}.txt` }).click();
    await page.getByRole('button', { name: 'Remove archive.zip' }).click();
    await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).click();
    const [request] = await fixture.waitForChatRequests(1);
    expect(JSON.stringify(request!.body.messages).match(/<file name=/g)).toHaveLength(MAX_ATTACHMENTS_PER_MESSAGE);
  });

  it('after a restart the conversation still shows its image', async () => {
    const dataDir = harness.tempDir();
    const first = await setup(dataDir);
    const page = await first.open();
    await chooseFiles(page, [{ name: 'kept.png', mimeType: 'image/png', buffer: makePng(5, 5) }]);
    await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).click();
    await first.fixture.waitForChatRequests(1);
    await expect.poll(() => imageLoaded(page, 'kept.png')).toBe(true);
    const sessionId = sessionIdOf(page);
    await page.close();
    await first.running.close();

    const second = await setup(dataDir);
    const reopened = await second.open(`#/c/${sessionId}`);
    await expect.poll(() => imageLoaded(reopened, 'kept.png')).toBe(true);
    expect(second.errors).toEqual([]);
  });
});
