import type { Database, Statement } from 'better-sqlite3';
import type { AttachmentInfo, AttachmentKind } from '../../shared/contract/attachments';

/** What Navi knows about a stored file, whatever name it was attached under. */
export type StoredAttachment = Omit<AttachmentInfo, 'name'>;

interface AttachmentRow {
  id: string;
  kind: AttachmentKind;
  media_type: string;
  size: number;
  pages: number | null;
  lines: number | null;
}

const toStored = (row: AttachmentRow): StoredAttachment => ({
  id: row.id,
  kind: row.kind,
  mediaType: row.media_type,
  size: row.size,
  ...(row.pages === null ? {} : { pages: row.pages }),
  ...(row.lines === null ? {} : { lines: row.lines }),
});

/** The `attachments` table and the references to it (see migration 9). */
export class AttachmentRows {
  private readonly statements;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.statements = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO attachments (id, kind, media_type, size, pages, lines, created_at)
         VALUES (@id, @kind, @mediaType, @size, @pages, @lines, @createdAt)`,
      ),
      get: db.prepare('SELECT * FROM attachments WHERE id = ?') as Statement<[string], AttachmentRow>,
      isReferenced: db
        .prepare('SELECT EXISTS (SELECT 1 FROM message_attachments WHERE attachment_id = ?)')
        .pluck() as Statement<[string], number>,
      unreferenced: db
        .prepare(
          `SELECT id FROM attachments a
           WHERE NOT EXISTS (SELECT 1 FROM message_attachments r WHERE r.attachment_id = a.id)`,
        )
        .pluck() as Statement<[], string>,
      all: db.prepare('SELECT id FROM attachments').pluck() as Statement<[], string>,
      delete: db.prepare(
        `DELETE FROM attachments WHERE id = ?
         AND NOT EXISTS (SELECT 1 FROM message_attachments WHERE attachment_id = ?)`,
      ),
      ofSession: db
        .prepare(
          `SELECT DISTINCT r.attachment_id FROM message_attachments r JOIN messages m ON m.id = r.message_id
           WHERE m.session_id = ?`,
        )
        .pluck() as Statement<[string], string>,
    };
  }

  insert(attachment: StoredAttachment): void {
    this.statements.insert.run({
      id: attachment.id,
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      size: attachment.size,
      pages: attachment.pages ?? null,
      lines: attachment.lines ?? null,
      createdAt: this.now(),
    });
  }

  get(id: string): StoredAttachment | undefined {
    const row = this.statements.get.get(id);
    return row ? toStored(row) : undefined;
  }

  isReferenced(id: string): boolean {
    return this.statements.isReferenced.get(id) === 1;
  }

  /** Files no message refers to. */
  unreferenced(): string[] {
    return this.statements.unreferenced.all();
  }

  allIds(): string[] {
    return this.statements.all.all();
  }

  /** The files a conversation's messages refer to (every branch). */
  ofSession(sessionId: string): string[] {
    return this.statements.ofSession.all(sessionId);
  }

  /** Deletes the row unless a message refers to it now; true when it was deleted. */
  deleteIfUnreferenced(id: string): boolean {
    return this.statements.delete.run(id, id).changes > 0;
  }
}
