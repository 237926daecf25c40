import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { McpResource, McpResourceTemplate } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import type { AttachedResource } from '../../stores/composerStore';
import { useDismiss } from '../mcp/useDismiss';

interface ResourcePickerProps {
  readonly onAttach: (resource: AttachedResource) => void;
  readonly onClose: () => void;
}

interface Listing {
  readonly resources: readonly McpResource[];
  readonly templates: readonly McpResourceTemplate[];
}

const matches = (query: string, ...texts: (string | null)[]) =>
  texts.some((text) => text?.toLowerCase().includes(query));

/** One template: its variables as inputs, then Attach. */
function TemplateRow({
  template,
  onAttach,
}: {
  template: McpResourceTemplate;
  onAttach: ResourcePickerProps['onAttach'];
}) {
  const api = useApi();
  const baseId = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const ready = template.variables.every((variable) => values[variable]?.trim());
  const attach = async (): Promise<void> => {
    try {
      const { uri } = await api.mcp.expandTemplate({
        serverId: template.serverId,
        uriTemplate: template.uriTemplate,
        values,
      });
      onAttach({
        serverId: template.serverId,
        uri,
        name: uri.split('/').filter(Boolean).at(-1) ?? uri,
        serverName: template.serverName,
      });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <li className="resource-template">
      <span className="resource-name">{template.title ?? template.name}</span>
      {template.description && <span className="resource-description muted">{template.description}</span>}
      <span className="resource-template-fields">
        {template.variables.map((variable, index) => (
          <label key={variable} htmlFor={`${baseId}-${index}`}>
            <span>{variable}</span>
            <input
              id={`${baseId}-${index}`}
              value={values[variable] ?? ''}
              onChange={(event) => setValues((current) => ({ ...current, [variable]: event.target.value }))}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  if (ready) void attach();
                }
              }}
            />
          </label>
        ))}
        <button type="button" className="button subtle" disabled={!ready} onClick={() => void attach()}>
          Attach
        </button>
      </span>
      {error && (
        <span className="resource-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}

/** Browse connected servers' resources and attach one to the next message as context. */
export function ResourcePicker({ onAttach, onClose }: ResourcePickerProps) {
  const api = useApi();
  const container = useRef<HTMLDivElement>(null);
  const [listing, setListing] = useState<Listing>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  useDismiss(true, container, onClose);
  useEffect(() => {
    let current = true;
    api.mcp.listResources().then(
      (result) => current && setListing(result),
      (failure: unknown) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const servers = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const byServer = new Map<string, { name: string; resources: McpResource[]; templates: McpResourceTemplate[] }>();
    const group = (serverId: string, name: string) => {
      let entry = byServer.get(serverId);
      if (!entry) byServer.set(serverId, (entry = { name, resources: [], templates: [] }));
      return entry;
    };
    for (const resource of listing?.resources ?? []) {
      if (matches(needle, resource.name, resource.title, resource.uri, resource.serverName))
        group(resource.serverId, resource.serverName).resources.push(resource);
    }
    for (const template of listing?.templates ?? []) {
      if (matches(needle, template.name, template.title, template.uriTemplate, template.serverName))
        group(template.serverId, template.serverName).templates.push(template);
    }
    return [...byServer.entries()];
  }, [listing, query]);

  return (
    <div className="resource-picker" ref={container} role="dialog" aria-label="Attach a resource">
      <input
        className="resource-filter"
        type="search"
        aria-label="Filter resources"
        placeholder="Filter resources"
        autoFocus
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      {error && (
        <p className="resource-error" role="alert">
          {error}
        </p>
      )}
      {!listing && !error && <p className="muted resource-empty">Loading resources…</p>}
      {listing && servers.length === 0 && (
        <p className="muted resource-empty">
          {listing.resources.length + listing.templates.length === 0
            ? 'No connected MCP server offers resources.'
            : 'No resources match.'}
        </p>
      )}
      <div className="resource-groups">
        {servers.map(([serverId, group]) => (
          <section key={serverId} aria-label={group.name}>
            <h4>{group.name}</h4>
            <ul>
              {group.resources.map((resource) => (
                <li key={resource.uri}>
                  <button
                    type="button"
                    className="resource-choice"
                    aria-label={`Attach ${resource.title ?? resource.name}`}
                    onClick={() =>
                      onAttach({
                        serverId,
                        uri: resource.uri,
                        name: resource.title ?? resource.name,
                        serverName: group.name,
                      })
                    }
                  >
                    <span className="resource-name">{resource.title ?? resource.name}</span>
                    <span className="resource-uri muted">{resource.uri}</span>
                  </button>
                </li>
              ))}
              {group.templates.map((template) => (
                <TemplateRow key={template.uriTemplate} template={template} onAttach={onAttach} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
