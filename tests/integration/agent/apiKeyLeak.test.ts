import BetterSqlite3 from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecrets } from '../../../src/core/secrets/memorySecrets';
import { reply, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { collectRun, fixtureEnv, testCall, useHarness, userMessage } from './harness';

const ENV_KEY = 'sk-env-LEAKCHECK-7f3a9c1e5b0d';
const STORED_KEY = 'sk-stored-LEAKCHECK-2d8e4f6a1c';
const harness = useHarness();
const call = testCall();
let fixture: FixtureServer;

beforeEach(async () => {
  fixture = await startOpenAiFixture();
});
afterEach(async () => {
  await fixture.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Every row of every table, as text. */
function allRows(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['providers', 'profiles', 'agent_settings']),
    );
    return tables.map((table) => JSON.stringify(db.prepare(`SELECT * FROM "${table.name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

function expectNoKeys(text: string, where: string): void {
  for (const key of [ENV_KEY, STORED_KEY]) {
    expect(text.includes(key), `${where} contains an API key`).toBe(false);
  }
}

describe('API keys are never written to disk or logs', () => {
  it('keeps environment and stored keys out of every table, the database files (WAL included), the data dir and the log', async () => {
    const secrets = createMemorySecrets();
    const { runtime, database, dataDir, logger } = harness({ env: fixtureEnv(fixture, ENV_KEY), secrets });
    const settings = runtime.settings;

    // Use the environment key: a reply, a rejected key, retries, a connection test, a title.
    fixture.script(reply.text('One.'), reply.unauthorized(), reply.serverError(), reply.text('Two.'));
    expect((await collectRun(runtime, { history: [userMessage('a')] })).text).toBe('One.');
    const rejected = await collectRun(runtime, { history: [userMessage('b')] });
    expectNoKeys((rejected.error as Error).message, 'an error message');
    expect((await collectRun(runtime, { history: [userMessage('c')] })).text).toBe('Two.');
    await settings.testConnection({ providerId: 'env-openai' }, call);
    fixture.script(reply.error(400, `upstream said: ${ENV_KEY}`));
    const echoed = await collectRun(runtime, { history: [userMessage('d')] });
    expect((echoed.error as Error).message).toContain('upstream said: [redacted]');
    fixture.script(reply.text('A title'));
    await runtime.generateTitle([userMessage('e')], new AbortController().signal);

    // Store a key through Secrets and use it.
    const provider = await settings.addProvider(
      { kind: 'openai-compatible', name: 'Stored', baseURL: fixture.baseURL, apiKey: STORED_KEY },
      call,
    );
    const profile = await settings.saveProfile(
      { name: 'Mine', systemPrompt: '', providerId: provider.id, model: 'fixture-model' },
      call,
    );
    await settings.setDefaultProfile({ id: profile.id }, call);
    await settings.updateProvider({ id: provider.id, name: 'Stored (renamed)' }, call);
    fixture.script(reply.text('Three.'));
    expect((await collectRun(runtime, { history: [userMessage('f')] })).text).toBe('Three.');
    await settings.testConnection({ providerId: provider.id }, call);
    await settings.listModels({ providerId: provider.id }, call);

    // The keys really were used …
    const authorizations = fixture.requests.map((request) => request.headers.authorization);
    expect(authorizations).toContain(`Bearer ${ENV_KEY}`);
    expect(authorizations).toContain(`Bearer ${STORED_KEY}`);
    // … the stored one lives only in Secrets, the environment one nowhere but memory.
    expect(secrets.names()).toEqual([`provider.${provider.id}.apiKey`]);
    expect(await secrets.get(`provider.${provider.id}.apiKey`)).toBe(STORED_KEY);
    expectNoKeys(JSON.stringify(await settings.listProviders(undefined, call)), 'listProviders');
    expectNoKeys(JSON.stringify(settings.listProfiles(undefined, call)), 'listProfiles');

    // While the database is open (the WAL holds the latest writes) …
    expect(filesUnder(dataDir).some((file) => file.endsWith('-wal'))).toBe(true);
    for (const file of filesUnder(dataDir)) expectNoKeys(readFileSync(file).toString('latin1'), file);
    expectNoKeys(allRows(database.file), 'a database row');
    // … and after it is closed and checkpointed.
    runtime.dispose();
    database.close();
    await database.closed;
    for (const file of filesUnder(dataDir)) expectNoKeys(readFileSync(file).toString('latin1'), file);
    expectNoKeys(allRows(database.file), 'a database row');

    expect(logger.lines.length).toBeGreaterThanOrEqual(3); // the 401, the retried 500 and the 400
    expectNoKeys(logger.lines.join('\n'), 'the log');
  });
});
