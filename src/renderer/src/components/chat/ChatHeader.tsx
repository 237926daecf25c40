import { memo, useState } from 'react';
import type { Session, TokenUsage } from '../../../../shared/contract';
import { conversationRoute, routeUrl } from '../../routing/route';
import { Icon } from '../common/Icon';
import { ConversationSettingsPanel } from '../conversation/ConversationSettingsPanel';
import { ModelPicker } from '../conversation/ModelPicker';
import { useSessionSettings } from '../conversation/useSessionSettings';
import { McpIndicator } from '../mcp/McpIndicator';
import { ArchivedNote } from '../organise/ArchivedNote';
import { ConversationActions } from '../organise/ConversationActions';
import { formatTokens } from './formatTokens';
import '../conversation/conversationSettings.css';

interface ChatHeaderProps {
  readonly sessionId: string;
  readonly title: string;
  readonly running: boolean;
  /** Absent until the conversation has loaded. */
  readonly session?: Session;
  /** Tokens the conversation's replies cost so far. */
  readonly usage: TokenUsage;
}

/**
 * The conversation's title, whether Navi is replying, the model in use (a picker), its token total,
 * its settings (profile, instructions), MCP status, its actions (Pin, Archive, Export: icon buttons),
 * and "Open in new window". It stays one row: the title keeps its room, the model picker gives way.
 */
// Memoised: its props (title, session, usage) keep their identity while a reply streams.
export const ChatHeader = memo(function ChatHeader({ sessionId, title, running, session, usage }: ChatHeaderProps) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settings = useSessionSettings(sessionId);
  const openInNewWindow = (): void => {
    window.open(routeUrl(conversationRoute(sessionId)), '_blank', 'noopener,width=980,height=820');
  };
  const total = usage.inputTokens + usage.outputTokens;
  return (
    <>
      <header className="chat-header">
        <h2 className="chat-title" title={title}>
          {title}
        </h2>
        {session?.pinned && !session.archived && (
          <span className="pinned-mark" role="img" aria-label="Pinned" title="Pinned to the top of the list">
            <Icon name="pin" size={13} />
          </span>
        )}
        {session?.archived && <ArchivedNote session={session} />}
        {running && <span className="badge live">Replying…</span>}
        <div className="chat-header-actions">
          {session && <ModelPicker session={session} onChange={(model) => void settings.save({ model })} />}
          {total > 0 && (
            <span
              className="usage-total muted"
              title={`This conversation so far: ${usage.inputTokens.toLocaleString()} in · ${usage.outputTokens.toLocaleString()} out`}
            >
              {formatTokens(total)} tokens
            </span>
          )}
          <button
            type="button"
            className="button subtle"
            aria-expanded={settingsOpen}
            title="Profile and instructions"
            onClick={() => setSettingsOpen((open) => !open)}
            disabled={!session}
          >
            <Icon name="sliders" /> <span className="wide-only">Profile and instructions</span>
          </button>
          <McpIndicator />
          <ConversationActions session={session} />
          <button
            type="button"
            className="button subtle icon-only"
            onClick={openInNewWindow}
            aria-label="Open in new window"
            title="Open in new window"
          >
            <Icon name="window" size={16} />
          </button>
        </div>
      </header>
      {settings.error && !settingsOpen && (
        <p className="inline-error" role="alert">
          {settings.error}
        </p>
      )}
      {settingsOpen && session && (
        <ConversationSettingsPanel
          session={session}
          saving={settings.saving}
          error={settings.error}
          onSave={settings.save}
        />
      )}
    </>
  );
});
