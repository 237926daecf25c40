import type { AttachedResource } from '../../stores/composerStore';
import { Icon } from '../common/Icon';

/** The resources going with the next message, each removable. */
export function AttachedResources({
  resources,
  onRemove,
}: {
  readonly resources: readonly AttachedResource[];
  readonly onRemove: (resource: AttachedResource) => void;
}) {
  if (resources.length === 0) return null;
  return (
    <ul className="attached-resources" aria-label="Attached resources">
      {resources.map((resource) => (
        <li key={`${resource.serverId} ${resource.uri}`} className="resource-chip" title={resource.uri}>
          <Icon name="paperclip" size={12} />
          <span className="resource-chip-name">{resource.name}</span>
          <span className="muted">· {resource.serverName}</span>
          <button type="button" aria-label={`Remove ${resource.name}`} onClick={() => onRemove(resource)}>
            <Icon name="close" size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
