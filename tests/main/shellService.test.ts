import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDesktop } from './desktopHarness';

const launch = useDesktop();

describe('saving an export on the desktop', () => {
  it('asks where with the system save dialog (Downloads by default), writes the file there, and a cancel writes nothing', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    expect((await api.shell.get()).supports.saveDialog).toBe(true);
    const session = await api.sessions.create({ title: 'Trip to Porto' });

    const downloads = desktop.electron.app.getPath('downloads');
    mkdirSync(downloads, { recursive: true });
    const target = join(downloads, 'porto.md');
    desktop.electron.dialog.answerSave = () => target;
    const prepared = await api.exports.conversation({ sessionId: session.id, format: 'markdown' });
    expect(await api.shell.saveExport({ exportId: prepared.exportId, fileName: prepared.fileName })).toEqual({
      saved: true,
      path: target,
    });
    expect(desktop.electron.dialog.saveDialogs.at(-1)).toMatchObject({
      defaultPath: join(downloads, prepared.fileName),
    });
    expect(readFileSync(target, 'utf8')).toMatch(/^# Trip to Porto\n/);
    // Saved, the export is let go: reading it again is refused.
    await expect(api.exports.read({ exportId: prepared.exportId, offset: 0 })).rejects.toThrow(/That export is over/);

    desktop.electron.dialog.answerSave = () => undefined;
    const again = await api.exports.conversation({ sessionId: session.id, format: 'json' });
    expect(await api.shell.saveExport({ exportId: again.exportId, fileName: again.fileName })).toEqual({
      saved: false,
    });
    expect(existsSync(join(downloads, again.fileName))).toBe(false);
    await expect(api.exports.read({ exportId: again.exportId, offset: 0 })).rejects.toThrow(/That export is over/);
    // No HTTP downloads here: the browser host's way of saving is refused, readably.
    await expect(api.shell.downloadExport({ exportId: again.exportId, fileName: again.fileName })).rejects.toThrow(
      'The desktop app saves exports with the save dialog.',
    );
  });
});

describe("the desktop's system theme", () => {
  it('follows what a page asks for', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    expect(desktop.electron.nativeTheme.themeSource).toBe('system');
    expect(await api.shell.applyTheme({ theme: 'dark' })).toEqual({ applied: true });
    expect(desktop.electron.nativeTheme.themeSource).toBe('dark');
    await expect(api.shell.applyTheme({ theme: 'sepia' as never })).rejects.toThrow();
    expect(desktop.electron.nativeTheme.themeSource).toBe('dark');
  });
});
