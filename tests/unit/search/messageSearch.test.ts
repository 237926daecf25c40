import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/core/db/database';
import { MessageSearch, type SearchMatches } from '../../../src/core/search/messageSearch';
import { planSearch } from '../../../src/core/search/searchPlan';
import { SessionStore } from '../../../src/core/store/sessionStore';
import type { MessagePart } from '../../../src/shared/contract';
import { RpcError } from '../../../src/shared/rpc';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const opened: { database: OpenedDatabase; search: MessageSearch }[] = [];
afterEach(async () => {
  for (const { database, search } of opened.splice(0)) {
    await search.close();
    database.close();
  }
});

function setup(options: { candidateCap?: number; limit?: number } = {}) {
  const database = openDatabase(join(tempDir(), 'navi.db'));
  const store = new SessionStore(database.db);
  const search = new MessageSearch({ file: database.file, logger: quiet, ...options });
  opened.push({ database, search });
  const add = (sessionId: string, parts: readonly MessagePart[], parentId?: string | null) =>
    store.appendMessage({ sessionId, parentId, role: 'assistant', parts, status: 'complete', origin: 'user' });
  const text = (value: string): MessagePart[] => [{ type: 'text', text: value }];
  const ids = (matches: SearchMatches) => [...matches.titles, ...matches.messages.map((match) => match.sessionId)];
  return { database, store, search, add, text, ids };
}

describe('message search', () => {
  it('finds titles and message text (prefixes, any accents), not tool data, and forgets deleted conversations', async () => {
    const { store, search, add, text, ids } = setup();
    const deploy = store.createSession('Deploy watch');
    const trip = store.createSession('Trip planning');
    add(trip.id, text('The café near the Castelo opens at nine.'));
    add(deploy.id, [{ type: 'tool-call', toolCallId: 't', toolName: 'lookup', input: { city: 'Lisbon' } }]);
    add(deploy.id, text('Staging is green again.'));

    expect(await search.search('deploy')).toEqual({ titles: [deploy.id], messages: [] });
    const cafe = await search.search('cafe cast');
    expect(cafe.messages).toEqual([
      { sessionId: trip.id, messageId: expect.any(String), snippet: expect.stringMatching(/café near the Castelo/) },
    ]);
    expect(ids(await search.search('Lisbon'))).toEqual([]); // tool input is not indexed
    expect(ids(await search.search('100%_'))).toEqual([]);
    expect(ids(await search.search('   '))).toEqual([]);
    store.deleteSession(trip.id);
    expect(ids(await search.search('cafe'))).toEqual([]);
  });

  it('sees every branch and names the newest matching message, newest conversation first', async () => {
    const { store, search, add, text } = setup();
    const older = store.createSession('Older');
    const newer = store.createSession('Newer');
    add(older.id, text('Ferry times for Porto'));
    const first = add(newer.id, text('Porto in June'));
    const reply = add(newer.id, text('Porto it is'));
    // An edit: a sibling of the reply, now on screen; the first version stays searchable.
    add(newer.id, text('Lisbon instead'), first.parentId === null ? first.id : first.parentId);
    const porto = await search.search('porto');
    expect(porto.messages.map((match) => [match.sessionId, match.messageId])).toEqual([
      [newer.id, reply.id],
      [older.id, expect.any(String)],
    ]);
  });

  it('searches message text only for words of two characters or more; one letter matches titles', async () => {
    const { store, search, add, text } = setup();
    const session = store.createSession('A trip');
    add(session.id, text('a tiny tapir'));
    expect(planSearch('t')).toEqual({ titlePattern: '%t%', match: null });
    expect(planSearch('t ta')).toEqual({ titlePattern: '%t ta%', match: '"ta"*' });
    expect(await search.search('t')).toEqual({ titles: [session.id], messages: [] });
    expect((await search.search('ta')).messages.map((match) => match.sessionId)).toEqual([session.id]);
  });

  it('finds two words anywhere in a message, adjacent or not; only the last word is a prefix', async () => {
    const { store, search, add, text, ids } = setup();
    const adjacent = store.createSession('Ops');
    const apart = store.createSession('Notes');
    const prefixed = store.createSession('Roadmap');
    const oneWord = store.createSession('Other');
    const longer = store.createSession('Later');
    add(adjacent.id, text('Here is the release plan for Friday.'));
    add(apart.id, text('Plan the dinner first; the release can wait.'));
    add(prefixed.id, text('Release planning starts Monday.'));
    add(oneWord.id, text('The plan is simple.'));
    add(longer.id, text('Both releases are planned.'));
    expect(planSearch('release plan')).toEqual({ titlePattern: '%release plan%', match: '"release" "plan"*' });

    const found = await search.search('release plan');
    expect(found.titles).toEqual([]);
    // Newest first; a finished word ("release", followed by more) does not match "releases".
    expect(ids(found)).toEqual([prefixed.id, apart.id, adjacent.id]);
    expect(found.messages.map((match) => match.snippet)).toEqual([
      expect.stringMatching(/Release planning/),
      expect.stringMatching(/Plan the dinner.*release/),
      expect.stringMatching(/release plan for Friday/),
    ]);
    expect(ids(await search.search('plan release'))).toEqual([apart.id, adjacent.id]);
    expect(ids(await search.search('releases pl'))).toEqual([longer.id]);
  });

  it('gives each conversation one snippet, from its newest match, leaves out title matches and stops at the limit', async () => {
    const { store, search, add, text } = setup({ limit: 3 });
    const titled = store.createSession('Heron notes');
    add(titled.id, text('a heron by the river'));
    const sessions = ['First', 'Second', 'Third', 'Fourth'].map((title) => store.createSession(title));
    for (const session of sessions) {
      add(session.id, text(`an older heron in ${session.title}`));
      add(session.id, text(`the newest heron in ${session.title}`));
    }
    const found = await search.search('heron');
    expect(found.titles).toEqual([titled.id]);
    expect(found.messages.map((match) => [match.sessionId, match.snippet])).toEqual([
      [sessions[3]!.id, 'the newest heron in Fourth'],
      [sessions[2]!.id, 'the newest heron in Third'],
    ]);
  });

  it('looks at a capped number of the newest matching messages, not every match', async () => {
    const { store, search, add, text } = setup({ candidateCap: 3 });
    const old = store.createSession('Old');
    const busy = store.createSession('Busy');
    add(old.id, text('heron sighting'));
    for (let i = 0; i < 3; i++) add(busy.id, text(`heron number ${i}`));
    expect((await search.search('heron')).messages.map((match) => match.sessionId)).toEqual([busy.id]);
  });

  it('finds a streaming reply at every checkpoint, each indexing only the text added since the last', async () => {
    const { database, store, search, add, text } = setup();
    const session = store.createSession('Trip');
    const prompt = add(session.id, text('What should I pack?'));
    const checkpoint = (value: string, status: 'interrupted' | 'complete' = 'interrupted') =>
      store.writeReply({
        id: 'reply',
        sessionId: session.id,
        parentId: prompt.id,
        role: 'assistant',
        parts: [{ type: 'tool-call', toolCallId: 't', toolName: 'weather', input: {} }, ...text(value)],
        status,
        origin: 'user',
      });
    const db = database.db;
    const pieces = () => db.prepare('SELECT text FROM reply_pieces ORDER BY id').pluck().all();
    const found = async (query: string) =>
      (await search.search(query)).messages.map((match) => [match.messageId, match.snippet]);
    const checkIndexes = () => {
      db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
      db.exec("INSERT INTO reply_piece_search (reply_piece_search, rank) VALUES ('integrity-check', 1)");
    };

    checkpoint('Pack an umbrella, sunsc');
    expect(pieces()).toEqual(['Pack an umbrella, sunsc']);
    expect(await found('umbrella')).toEqual([['reply', 'Pack an umbrella, sunsc']]);
    // The unfinished word is indexed again with the rest of it; the words before it are not.
    checkpoint('Pack an umbrella, sunscreen and a map of Lis');
    expect(pieces()).toEqual(['Pack an umbrella, sunscreen and a map of ', 'Lis']);
    checkpoint('Pack an umbrella, sunscreen and a map of Lisbon. Then book');
    expect(pieces()).toEqual(['Pack an umbrella, sunscreen and a map of ', 'Lisbon. Then ', 'book']);
    expect(await found('sunscreen')).toEqual([['reply', expect.stringMatching(/umbrella, sunscreen and a map/)]]);
    expect(await found('lisbon')).toEqual([['reply', 'Lisbon. Then ']]);
    expect(await found('lis')).toHaveLength(1); // once per conversation
    checkIndexes();

    // Text that no longer begins the same way (a retry's reply) is indexed again from there.
    checkpoint('Pack an umbrella and boots');
    expect(pieces()).toEqual(['Pack an umbrella and ', 'boots']);
    expect(await found('sunscreen')).toEqual([]);
    checkIndexes();

    // The finished reply is one document of the message index; its pieces are gone.
    checkpoint('Pack an umbrella and boots for Porto.', 'complete');
    expect(pieces()).toEqual([]);
    expect(await found('boots')).toEqual([['reply', 'Pack an umbrella and boots for Porto.']]);
    checkIndexes();

    // A conversation deleted while its reply streams takes the pieces with it.
    checkpoint('Pack an umbrella and boots for Porto. And', 'interrupted');
    expect(pieces()).toEqual(['Pack an umbrella and boots for Porto. And']);
    store.deleteSession(session.id);
    expect(pieces()).toEqual([]);
    expect(await found('boots')).toEqual([]);
    checkIndexes();
  });

  it('stops a cancelled search with a cancelled error; the next search runs', async () => {
    const { store, search, add, text } = setup();
    const session = store.createSession('Notes');
    add(session.id, text('kestrel'));
    const controller = new AbortController();
    const cancelled = search.search('kestrel', controller.signal);
    controller.abort();
    await expect(cancelled).rejects.toSatisfy((error) => error instanceof RpcError && error.code === 'cancelled');
    const aborted = new AbortController();
    aborted.abort();
    await expect(search.search('kestrel', aborted.signal)).rejects.toThrow(/replaced by a newer one/);
    expect((await search.search('kestrel')).messages).toHaveLength(1);
  });

  it('refuses searches after closing, readably', async () => {
    const { search } = setup();
    await search.close();
    await expect(search.search('anything')).rejects.toThrow(/shutting down/);
  });
});
