import { Icon } from '../common/Icon';
import { ExportMenu } from '../export/ExportMenu';
import { PinArchiveButtons } from '../organise/PinArchiveButtons';
import type { Session } from '../../../../shared/contract';
import { McpIndicator } from '../mcp/McpIndicator';
import { conversationRoute, routeUrl } from '../../routing/route';

interface ChatHeaderProps {
  readonly sessionId: string;
  readonly title: string;
  readonly running: boolean;
  /** The conversation as last told (absent while it loads). */
  readonly session?: Session;
}

/** The conversation's title, whether Navi is replying, MCP status, and "Open in new window". */
export function ChatHeader({ sessionId, title, running, session }: ChatHeaderProps) {
  const openInNewWindow = (): void => {
    window.open(routeUrl(conversationRoute(sessionId)), '_blank', 'noopener,width=980,height=820');
  };
  return (
    <header className="chat-header">
      <h2 className="chat-title" title={title}>
        {title}
      </h2>
      {running && <span className="badge live">Replying…</span>}
      <div className="chat-header-actions">
        <McpIndicator />
        {session && <PinArchiveButtons session={session} />}
        <ExportMenu sessionId={sessionId} />
        <button type="button" className="button subtle" onClick={openInNewWindow} title="Open in new window">
          <Icon name="window" /> <span className="wide-only">Open in new window</span>
        </button>
      </div>
    </header>
  );
}
