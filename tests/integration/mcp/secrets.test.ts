import type { Database } from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEnvOnlySecrets } from '../../../src/core/secrets/envOnlySecrets';
import { createMemorySecrets } from '../../../src/core/secrets/memorySecrets';
import { RpcError } from '../../../src/shared/rpc';
import { callContext, everythingStdio, useMcpHarness } from './harness';

const harness = useMcpHarness();

const ENV_SECRET = 'sk-env-SECRET-7f3a9c';
const HEADER_SECRET = 'tok-header-SECRET-41d2';
const IMPORTED_SECRET = 'ghp_IMPORTED-SECRET-9e8d';
const UPDATED_SECRET = 'sk-updated-SECRET-0b1c';

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

/** Every text value in every table of the database. */
function allText(db: Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

describe('secret values of env and headers', () => {
  it('go to the Secrets port and reach the server, but never land in SQLite (tables or file bytes)', async () => {
    const secrets = createMemorySecrets();
    const h = harness({ secrets });
    const stdio = await h.api.add(everythingStdio('everything', [{ name: 'NAVI_TEST_SECRET', value: ENV_SECRET }]));
    const http = await h.api.add({
      transport: 'http',
      name: 'remote',
      url: 'http://127.0.0.1:9/mcp',
      enabled: false,
      headers: [{ name: 'Authorization', value: `Bearer ${HEADER_SECRET}` }],
    });
    const imported = await h.api.importJson({
      json: JSON.stringify({
        mcpServers: {
          github: {
            command: 'npx',
            args: ['-y', 'some-server'],
            env: { GITHUB_TOKEN: IMPORTED_SECRET },
            disabled: true,
          },
        },
      }),
    });
    expect(imported.errors).toEqual([]);
    // An edit that keeps one value (no value given) and replaces another.
    await h.api.update({
      ...everythingStdio('everything', [{ name: 'NAVI_TEST_SECRET' }, { name: 'OTHER', value: UPDATED_SECRET }]),
      id: stdio.id,
    });

    // The views say which keys exist and where their values are, never the values.
    const listed = await h.api.list();
    const secretValues = [ENV_SECRET, HEADER_SECRET, IMPORTED_SECRET, UPDATED_SECRET];
    for (const value of secretValues) expect(JSON.stringify(listed)).not.toContain(value);
    const view = listed.find((server) => server.id === stdio.id)!;
    expect(view.env).toEqual([
      { name: 'NAVI_TEST_SECRET', source: 'stored', reference: null, missing: false },
      { name: 'OTHER', source: 'stored', reference: null, missing: false },
    ]);
    expect(listed.find((server) => server.id === http.id)!.headers).toEqual([
      { name: 'Authorization', source: 'stored', reference: null, missing: false },
    ]);
    expect(secrets.names().sort()).toEqual(
      [
        `mcp.${stdio.id}.env.NAVI_TEST_SECRET`,
        `mcp.${stdio.id}.env.OTHER`,
        `mcp.${http.id}.header.authorization`,
        `mcp.${imported.added[0]!.id}.env.GITHUB_TOKEN`,
      ].sort(),
    );

    // The server process received the kept value (and only the safe part of Navi's environment).
    await h.waitForStatus(stdio.id, (status) => status.state === 'connected');
    const env = JSON.parse(
      (await h.tools.execute('mcp__everything__get-env', {}, callContext())).output as string,
    ) as Record<string, string>;
    expect(env.NAVI_TEST_SECRET).toBe(ENV_SECRET);
    expect(env.OTHER).toBe(UPDATED_SECRET);
    expect(env.PATH).toBe(process.env.PATH);

    const text = allText(h.database.db);
    expect(text).toContain('NAVI_TEST_SECRET');
    for (const value of secretValues) expect(text).not.toContain(value);

    await h.close();
    for (const file of readdirSync(h.dir)) {
      const bytes = readFileSync(join(h.dir, file));
      for (const value of secretValues) {
        expect(bytes.includes(Buffer.from(value)), `${file} contains ${value}`).toBe(false);
        expect(bytes.includes(Buffer.from(value, 'utf16le')), `${file} contains ${value}`).toBe(false);
      }
    }
  });

  it('are deleted from the Secrets port with their server, or when their key is dropped', async () => {
    const secrets = createMemorySecrets();
    const h = harness({ secrets });
    const server = await h.api.add({
      ...everythingStdio('everything', [
        { name: 'A', value: 'a-value' },
        { name: 'B', value: 'b-value' },
      ]),
      enabled: false,
    });
    await h.api.update({ ...everythingStdio('everything', [{ name: 'A' }]), id: server.id, enabled: false });
    expect(secrets.names()).toEqual([`mcp.${server.id}.env.A`]);
    await h.api.remove({ id: server.id });
    expect(secrets.names()).toEqual([]);
  });

  it('refuses a new key without a value, naming it', async () => {
    const h = harness();
    const error = await rejection(h.api.add({ ...everythingStdio('x', [{ name: 'TOKEN' }]), enabled: false }));
    expect(error.message).toBe('Enter a value for the environment variable TOKEN');
  });
});

describe('without a secure store (the browser host)', () => {
  it('refuses literal values with a message that says what to do, and accepts references to the environment', async () => {
    const h = harness({
      secrets: createEnvOnlySecrets(),
      env: { ...process.env, NAVI_TEST_TOKEN: 'from-the-environment', NAVI_TEST_API_KEY: 'key-42' },
    });
    const refused = await rejection(
      h.api.add(everythingStdio('everything', [{ name: 'GITHUB_TOKEN', value: 'ghp_literal' }])),
    );
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toBe(
      'The environment variable GITHUB_TOKEN: this host has no secure store, so Navi will not save its value. ' +
        'Set it in Navi\'s environment and refer to it instead, e.g. "${GITHUB_TOKEN}".',
    );
    expect(await h.api.list()).toEqual([]);

    const header = await rejection(
      h.api.add({
        transport: 'http',
        name: 'r',
        url: 'http://127.0.0.1:9/mcp',
        headers: [{ name: 'Authorization', value: 'Bearer abc' }],
      }),
    );
    expect(header.message).toMatch(
      /^The header Authorization: this host has no secure store.*"Bearer \$\{API_TOKEN\}"/,
    );

    const server = await h.api.add(
      everythingStdio('everything', [
        { name: 'TOKEN', value: '${NAVI_TEST_TOKEN}' },
        { name: 'KEY', value: '${env:NAVI_TEST_API_KEY}' },
      ]),
    );
    expect(server.env).toEqual([
      { name: 'TOKEN', source: 'environment', reference: '${NAVI_TEST_TOKEN}', missing: false },
      { name: 'KEY', source: 'environment', reference: '${env:NAVI_TEST_API_KEY}', missing: false },
    ]);
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const env = JSON.parse(
      (await h.tools.execute('mcp__everything__get-env', {}, callContext())).output as string,
    ) as Record<string, string>;
    expect(env).toMatchObject({ TOKEN: 'from-the-environment', KEY: 'key-42' });
    // Navi's own variables are not passed on unless a server asks for them.
    expect(env.NAVI_TEST_TOKEN).toBeUndefined();
  });

  it('shows a missing environment variable as an error that waits for the user (no retries)', async () => {
    const h = harness({ secrets: createEnvOnlySecrets(), env: { PATH: process.env.PATH } });
    const server = await h.api.add(everythingStdio('everything', [{ name: 'TOKEN', value: '${NAVI_TEST_UNSET}' }]));
    expect(server.env[0]?.missing).toBe(true);
    const status = await h.waitForStatus(server.id, (candidate) => candidate.state === 'error');
    expect(status.error).toBe(
      "The environment variable TOKEN refers to the environment variable NAVI_TEST_UNSET, which is not set: set it and restart Navi, or enter the value in the server's settings.",
    );
    expect(status.retryAt).toBeNull();
  });
});
