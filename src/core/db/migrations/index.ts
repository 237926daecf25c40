import { appMeta } from './0001-app-meta';
import { sessions } from './0002-sessions';
import { messages } from './0003-messages';
import { agentSettings } from './0004-agent-settings';
import { recalls } from './0005-recalls';
import { mcpServers } from './0006-mcp-servers';
import { messageSearch } from './0007-message-search';
import { conversationTree } from './0008-conversation-tree';
import { attachments } from './0009-attachments';
import { interruptedReplies } from './0010-interrupted-replies';
import { recallAttempts } from './0011-recall-attempts';
import { toolApproval } from './0012-tool-approval';
import { searchExternalContent } from './0013-search-external-content';
import { recallControls } from './0014-recall-controls';
import { sessionViews } from './0015-session-views';
import { conversationProfiles } from './0016-conversation-profiles';
import { usageBySession } from './0017-usage-by-session';
import { messagePath } from './0018-message-path';
import { replyPieces } from './0019-reply-pieces';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every schema step in order. Append only: never edit or reorder a migration that has shipped. */
export const migrations: readonly Migration[] = [
  appMeta,
  sessions,
  messages,
  agentSettings,
  recalls,
  mcpServers,
  messageSearch,
  conversationTree,
  attachments,
  interruptedReplies,
  recallAttempts,
  toolApproval,
  searchExternalContent,
  recallControls,
  sessionViews,
  conversationProfiles,
  usageBySession,
  messagePath,
  replyPieces,
];
