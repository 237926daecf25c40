import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually, useDesktop } from './desktopHarness';

const launch = useDesktop();

/** A stdio server that would leave a mark if it ever ran. */
function markingServer(dir: string, name = 'files') {
  const mark = join(dir, `${name}.ran`);
  return {
    mark,
    input: {
      transport: 'stdio' as const,
      name,
      command: process.execPath,
      // Leaves its mark, then waits on stdin and ends with it, as a polite server does.
      args: [
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(mark)}, 'x'); process.stdin.resume().on('end', () => process.exit())`,
      ],
      env: [{ name: 'NODE_OPTIONS', value: '--no-warnings' }],
    },
  };
}

describe('adding or changing an MCP stdio server asks in a native dialog', () => {
  it('shows the program and its arguments; Cancel (the default) saves nothing and runs nothing', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    const server = markingServer(desktop.dataDir);

    await expect(api.mcp.add(server.input)).rejects.toThrow(
      `Not saved: running "${process.execPath}" was not allowed.`,
    );
    const [box] = desktop.electron.dialog.messageBoxes;
    expect(box).toMatchObject({
      type: 'warning',
      message: 'Let Navi run a program as the MCP server "files"?',
      buttons: ['Run Program', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    });
    expect(box!.detail).toContain(`files:  ${process.execPath} -e "require('fs')`);
    expect(box!.detail).toContain('with NODE_OPTIONS (new value)');
    expect(await api.mcp.list()).toEqual([]);
    expect(existsSync(server.mark)).toBe(false);
  });

  it('runs the program once the person allowed it; renaming asks nothing, a new argument asks again', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    const { dialog } = desktop.electron;
    const server = markingServer(desktop.dataDir);
    dialog.answer = () => ({ response: 0 });
    const added = await api.mcp.add(server.input);
    expect(dialog.messageBoxes).toHaveLength(1);
    await eventually(() => existsSync(server.mark), 'the allowed program to run');

    await api.mcp.update({ ...server.input, id: added.id, name: 'Files', env: [{ name: 'NODE_OPTIONS' }] });
    expect(dialog.messageBoxes).toHaveLength(1);

    dialog.answer = () => ({ response: 1 });
    await expect(
      api.mcp.update({
        ...server.input,
        id: added.id,
        args: [...server.input.args, '--evil'],
        env: [{ name: 'NODE_OPTIONS' }],
      }),
    ).rejects.toThrow(/was not allowed/);
    expect(dialog.messageBoxes[1]!.message).toBe('Let Navi run the changed program of the MCP server "files"?');
    expect((await api.mcp.list())[0]!.args).toEqual(server.input.args);
  });

  it('asks once for a whole import, and never for HTTP servers', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    const { dialog } = desktop.electron;
    await api.mcp.add({ transport: 'http', name: 'remote', url: 'http://127.0.0.1:9/mcp', enabled: false });
    expect(dialog.messageBoxes).toHaveLength(0);

    const json = JSON.stringify({
      mcpServers: {
        one: { command: 'npx', args: ['-y', 'some-server'] },
        two: { command: 'uvx', args: ['other server'] },
      },
    });
    await expect(api.mcp.importJson({ json })).rejects.toThrow('Not imported: running these programs was not allowed.');
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(dialog.messageBoxes[0]!.message).toBe('Let Navi run 2 programs as MCP servers?');
    expect(dialog.messageBoxes[0]!.detail).toContain('one:  npx -y some-server');
    expect(dialog.messageBoxes[0]!.detail).toContain('two:  uvx "other server"');
    expect((await api.mcp.list()).map((server) => server.name)).toEqual(['remote']);
  });

  it('a page cannot pile up dialogs: while one question is open, more are refused', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    let answer: (response: number) => void = () => {};
    desktop.electron.dialog.showMessageBox = (options) => {
      desktop.electron.dialog.messageBoxes.push(options);
      return new Promise((resolve) => (answer = (response) => resolve({ response, checkboxChecked: false })));
    };
    const first = api.mcp.add(markingServer(desktop.dataDir, 'one').input);
    await expect(api.mcp.add(markingServer(desktop.dataDir, 'two').input)).rejects.toThrow(/already asking you/);
    answer(1);
    await expect(first).rejects.toThrow(/was not allowed/);
    expect(desktop.electron.dialog.messageBoxes).toHaveLength(1);
  });
});
