import { z } from 'zod';
import { defineService, method } from '../rpc/service';
import { PendingElicitation } from './elicitation';
import { MAX_MESSAGE_PAGE, MAX_SEARCH_QUERY_CHARS, SESSION_PAGE_SIZE } from './limits';
import { Forks, Message, TokenUsage } from './messages';
import { RunStatus } from './runStatus';
import { Instructions } from './settings';
import { ToolProgress } from './toolProgress';

export const SessionId = z.string().min(1).max(100);

/** A model on a provider, as a conversation can choose it. */
export const ModelChoice = z.object({
  providerId: z.string().min(1).max(100),
  model: z.string().trim().min(1, 'Choose a model').max(200, 'A model name can be at most 200 characters'),
});
export type ModelChoice = z.infer<typeof ModelChoice>;

export const Session = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  archived: z.boolean(),
  /** Kept in its own section at the top of the list. */
  pinned: z.boolean(),
  /** A recall replied in it while no window was showing it; cleared when it is opened. */
  unread: z.boolean(),
  /** Its profile (null: the default profile, whichever it is at the time). */
  profileId: z.string().nullable(),
  /** Its own model (null: its profile's). */
  model: ModelChoice.nullable(),
  /** Its own instructions (null: its profile's). */
  instructions: z.string().nullable(),
});
export type Session = z.infer<typeof Session>;

/** Which conversations a list shows: the pinned ones, the rest, or the archived ones (each newest first). */
export const SessionListView = z.enum(['pinned', 'recent', 'archived']);
export type SessionListView = z.infer<typeof SessionListView>;

export const SessionSummary = Session.extend({
  /** True while a run (a reply being written) is active in it. */
  busy: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

/** Where a page of the conversation list ends (the list is ordered by these, newest first). */
export const SessionListCursor = z.object({ updatedAt: z.number(), id: SessionId });
export type SessionListCursor = z.infer<typeof SessionListCursor>;

const Title = z.string().trim().min(1, 'A title cannot be empty').max(200, 'A title can be at most 200 characters');

/**
 * A consistent picture of a session at event `seq`: one page of its active branch plus, while a run
 * is active, the reply so far. Subscribe with `fromSeq: seq + 1` to follow on with no gap.
 */
export const SessionSnapshot = z.object({
  session: Session,
  /** The end of the active branch (or the page asked for), oldest first. */
  messages: z.array(Message),
  /** More, older messages exist before the first one returned. */
  hasMore: z.boolean(),
  /** The forks along these messages: where "‹ 2 / 3 ›" shows. */
  forks: Forks,
  /** Tokens every reply in the conversation (every branch) cost, as providers reported them. */
  usage: TokenUsage,
  seq: z.number().int().nonnegative(),
  activeRun: z
    .object({
      runId: z.string(),
      origin: z.enum(['user', 'recall']),
      /** The reply as streamed so far, not yet stored. */
      partial: Message,
      /** What it is waiting for, while it waits. */
      status: RunStatus.optional(),
      /** The latest progress of tools still running. */
      toolProgress: z.array(ToolProgress).optional(),
      /** Servers' questions waiting for an answer. */
      elicitations: z.array(PendingElicitation).optional(),
    })
    .optional(),
});
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;

export const SessionSearchResult = z.object({
  session: SessionSummary,
  /** The matching bit of message text (absent when the title matched). */
  snippet: z.string().nullable(),
  /** The newest message that matched (on any branch); null when the title matched. */
  messageId: z.string().nullable(),
});
export type SessionSearchResult = z.infer<typeof SessionSearchResult>;

export const sessionsService = defineService('sessions', {
  /**
   * Titles (newest activity first), then message text on every branch (by the newest matching
   * message); every word of two or more characters must match, as a prefix. Cancellable.
   */
  search: method({
    input: z.object({
      query: z.string().max(MAX_SEARCH_QUERY_CHARS, `A search can be at most ${MAX_SEARCH_QUERY_CHARS} characters`),
    }),
    output: z.array(SessionSearchResult),
  }),
  /**
   * One page of conversations, newest activity first (ties by id): at most `limit` (default and
   * most SESSION_PAGE_SIZE). Fewer than asked for means there are no more.
   */
  list: method({
    input: z
      .object({
        includeArchived: z.boolean().optional(),
        /** Only this view (left out: every conversation not archived, or every one with `includeArchived`). */
        view: SessionListView.optional(),
        /** The page after this conversation: the last one of the page before. */
        after: SessionListCursor.optional(),
        limit: z.number().int().min(1).max(SESSION_PAGE_SIZE).optional(),
      })
      .optional(),
    output: z.array(SessionSummary),
  }),
  /** A new conversation, from a profile (left out: the default profile). */
  create: method({
    input: z.object({ title: Title.optional(), profileId: z.string().min(1).max(100).optional() }).optional(),
    output: Session,
  }),
  /**
   * Changes a conversation's own settings: its profile, model and instructions (null goes
   * back to the profile's). Every window is told.
   */
  update: method({
    input: z.object({
      id: SessionId,
      profileId: z.string().min(1).max(100).nullable().optional(),
      model: ModelChoice.nullable().optional(),
      instructions: Instructions.nullable().optional(),
    }),
    output: Session,
  }),
  rename: method({ input: z.object({ id: SessionId, title: Title }), output: Session }),
  setArchived: method({ input: z.object({ id: SessionId, archived: z.boolean() }), output: Session }),
  /** Pins a conversation to the top of the list, or unpins it (its place by last activity is kept). */
  setPinned: method({ input: z.object({ id: SessionId, pinned: z.boolean() }), output: Session }),
  /** A window shows the conversation: its unread mark goes, in every window. */
  markRead: method({ input: z.object({ id: SessionId }), output: z.object({ changed: z.boolean() }) }),
  delete: method({ input: z.object({ id: SessionId }), output: z.object({ deleted: z.boolean() }) }),
  get: method({
    input: z.object({
      id: SessionId,
      /** Page backwards along the active branch: the messages before this one. */
      before: z.string().min(1).max(100).optional(),
      limit: z.number().int().min(1).max(MAX_MESSAGE_PAGE).optional(),
    }),
    output: SessionSnapshot,
  }),
});
