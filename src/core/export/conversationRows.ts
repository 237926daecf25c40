import type { Database, Statement } from 'better-sqlite3';
import type { ExportedConversation, ExportedMessage } from '../../shared/contract/exports';
import type { MessagePart, TokenUsage } from '../../shared/contract/messages';
import type { MessageRow, SessionRow } from '../store/sessionStore';
import { ActivityRows, type ConversationActivity } from './activityRows';

/** The columns of a message an export carries. */
type ExportedMessageRow = Omit<MessageRow, 'session_id' | 'position'>;

/** A conversation to write as new: every id already fresh, messages with their parents first. */
export interface NewConversation {
  readonly id: string;
  readonly conversation: Omit<ExportedConversation, 'messages' | 'profile'> & { readonly profileId: string | null };
  readonly messages: readonly ExportedMessage[];
  /** Its recalls (written paused) and tool-run log. */
  readonly activity?: ConversationActivity;
}

/**
 * A whole conversation as rows: read for an export (every branch, its own settings) and written
 * for an import in one transaction. The session store's statements work a message at a time; these
 * work a conversation at a time, with its stored times and tree kept.
 */
export class ConversationRows {
  private readonly statements;
  /** The conversation's recalls and tool runs. */
  readonly activity: ActivityRows;

  constructor(
    private readonly db: Database,
    now: () => number,
  ) {
    this.activity = new ActivityRows(db, now);
    this.statements = {
      session: db.prepare('SELECT * FROM sessions WHERE id = ?') as Statement<[string], SessionRow>,
      allIds: db.prepare('SELECT id FROM sessions ORDER BY updated_at DESC').pluck() as Statement<[], string>,
      messages: db.prepare(
        `SELECT id, parent_id, role, parts, status, origin, created_at, usage, model, selected_rank
         FROM messages WHERE session_id = ? ORDER BY position`,
      ) as Statement<[string], ExportedMessageRow>,
      profile: db.prepare('SELECT id, name FROM profiles WHERE id = ?') as Statement<
        [string],
        { id: string; name: string }
      >,
      insertSession: db.prepare(
        `INSERT INTO sessions (id, title, created_at, updated_at, archived, pinned, profile_id, provider_id, model, instructions)
         VALUES (@id, @title, @createdAt, @updatedAt, @archived, @pinned, @profileId, @providerId, @model, @instructions)`,
      ),
      insertMessage: db.prepare(
        `INSERT INTO messages
           (id, session_id, parent_id, position, selected_rank, role, parts, status, origin, created_at, usage, model)
         VALUES (@id, @sessionId, @parentId, @position, @rank, @role, @parts, @status, @origin, @createdAt, @usage, @model)`,
      ),
      setActiveLeaf: db.prepare('UPDATE sessions SET active_leaf_id = ? WHERE id = ?'),
    };
  }

  /** Every conversation's id, most recent first. */
  allSessionIds(): string[] {
    return this.statements.allIds.all();
  }

  /** The conversation with every message of every branch, in writing order (undefined: no such conversation). */
  read(sessionId: string): ExportedConversation | undefined {
    const row = this.statements.session.get(sessionId);
    if (!row) return undefined;
    const profile = row.profile_id === null ? undefined : this.statements.profile.get(row.profile_id);
    return {
      title: row.title,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      archived: row.archived === 1,
      pinned: row.pinned === 1,
      profile: profile ? { id: profile.id, name: profile.name } : null,
      model: row.provider_id !== null && row.model !== null ? { providerId: row.provider_id, model: row.model } : null,
      instructions: row.instructions,
      activeLeafId: row.active_leaf_id,
      messages: this.statements.messages.all(sessionId).map(toExported),
    };
  }

  /** Whether a profile with this id exists here. */
  hasProfile(id: string): boolean {
    return this.statements.profile.get(id) !== undefined;
  }

  /** Writes a new conversation and its messages (parents before children) in one transaction. */
  insert(next: NewConversation): void {
    const { conversation } = next;
    this.db.transaction(() => {
      this.statements.insertSession.run({
        id: next.id,
        title: conversation.title,
        createdAt: conversation.createdAt,
        updatedAt: conversation.updatedAt,
        archived: conversation.archived ? 1 : 0,
        pinned: conversation.pinned ? 1 : 0,
        profileId: conversation.profileId,
        providerId: conversation.model?.providerId ?? null,
        model: conversation.model?.model ?? null,
        instructions: conversation.instructions,
      });
      next.messages.forEach((message, index) => {
        this.statements.insertMessage.run({
          id: message.id,
          sessionId: next.id,
          parentId: message.parentId,
          position: index + 1,
          rank: message.selectedRank ?? index + 1,
          role: message.role,
          parts: JSON.stringify(message.parts),
          status: message.status,
          origin: message.origin,
          createdAt: message.createdAt,
          usage: message.usage ? JSON.stringify(message.usage) : null,
          model: message.model ?? null,
        });
      });
      this.statements.setActiveLeaf.run(conversation.activeLeafId, next.id);
      if (next.activity) this.activity.insert(next.id, next.activity);
    })();
  }
}

function toExported(row: ExportedMessageRow): ExportedMessage {
  return {
    id: row.id,
    parentId: row.parent_id,
    role: row.role,
    parts: JSON.parse(row.parts) as MessagePart[],
    status: row.status,
    origin: row.origin,
    createdAt: row.created_at,
    ...(row.usage ? { usage: JSON.parse(row.usage) as TokenUsage } : {}),
    ...(row.model ? { model: row.model } : {}),
    selectedRank: row.selected_rank,
  };
}
