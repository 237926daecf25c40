import type { Database, Statement } from 'better-sqlite3';
import type { MessagePart } from '../../shared/contract';

/**
 * A reply's text after its last space longer than this is no word that could go on (a long run
 * without spaces): indexed as it is, so a checkpoint never indexes more than this again.
 */
const LONGEST_WORD = 1_000;

/**
 * The text search indexes for a message: its text parts, joined by a space (what the SQL of
 * migration 13 computes from `parts`, src/core/db/migrations/messageText.ts).
 */
function searchTextOf(parts: readonly MessagePart[]): string {
  const texts: string[] = [];
  for (const part of parts) if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
  return texts.join(' ');
}

/**
 * An interrupted reply's search index in pieces (migration 19: `reply_pieces`, indexed by
 * `reply_piece_search` through its triggers). The store calls it inside its transaction when a
 * checkpoint follows a checkpoint; every other write is the triggers' to index.
 */
export class ReplyPieceIndex {
  private readonly pieces: Statement<[number], { id: number; text: string }>;
  private readonly dropFrom: Statement<[number, number]>;
  private readonly add: Statement<[number, string]>;

  constructor(db: Database) {
    this.pieces = db.prepare('SELECT id, text FROM reply_pieces WHERE message_rowid = ? ORDER BY id') as Statement<
      [number],
      { id: number; text: string }
    >;
    this.dropFrom = db.prepare('DELETE FROM reply_pieces WHERE message_rowid = ? AND id >= ?');
    this.add = db.prepare('INSERT INTO reply_pieces (message_rowid, text) VALUES (?, ?)');
  }

  /**
   * Brings an interrupted reply's search pieces in step with its text: the pieces that still begin
   * it stay; a last piece that ended inside a word is indexed again with the rest of that word; the
   * text after them becomes a new piece (and its last, unfinished word one more). A streaming
   * reply's checkpoint so indexes the text added since the last one, not the whole reply again.
   */
  index(messageRowid: number, parts: readonly MessagePart[]): void {
    const text = searchTextOf(parts);
    const pieces = this.pieces.all(messageRowid);
    let kept = 0;
    let indexed = 0;
    while (kept < pieces.length && text.startsWith(pieces[kept]!.text, indexed)) {
      indexed += pieces[kept]!.text.length;
      kept++;
    }
    const last = pieces[kept - 1];
    if (
      kept === pieces.length &&
      last &&
      indexed < text.length &&
      last.text.length <= LONGEST_WORD &&
      !/\s$/.test(last.text)
    ) {
      kept--;
      indexed -= pieces[kept]!.text.length;
    }
    if (kept < pieces.length) this.dropFrom.run(messageRowid, pieces[kept]!.id);
    if (indexed === text.length) return;
    // The word the text ends in may go on: it gets a piece of its own, the next checkpoint's to redo.
    let end = text.length;
    while (end > indexed && !/\s/.test(text[end - 1]!)) end--;
    if (text.length - end > LONGEST_WORD) end = text.length;
    if (end > indexed) this.add.run(messageRowid, text.slice(indexed, end));
    if (end < text.length) this.add.run(messageRowid, text.slice(end));
  }
}
