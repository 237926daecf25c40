import type { MessagePart } from '../../../../shared/contract';
import { Icon } from '../common/Icon';
import '../composer/composer.css';

type ResourcePart = Extract<MessagePart, { type: 'resource' }>;

/** The MCP resources a message carried as context: name, server, and a note when not all of it went along. */
export function MessageResources({ parts }: { readonly parts: readonly MessagePart[] }) {
  const resources = parts.filter((part): part is ResourcePart => part.type === 'resource');
  if (resources.length === 0) return null;
  return (
    <ul className="message-resources" aria-label="Attached resources">
      {resources.map((resource, index) => (
        <li key={`${resource.uri}-${index}`} className="resource-chip" title={resource.uri}>
          <Icon name="paperclip" size={12} />
          <span className="resource-chip-name">{resource.name}</span>
          <span className="muted">· {resource.serverName}</span>
          {resource.note && <span className="resource-note muted">{resource.note}</span>}
        </li>
      ))}
    </ul>
  );
}
