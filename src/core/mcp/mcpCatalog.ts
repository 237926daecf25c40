import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Prompt, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';

/** What a server offers besides running tools: its tools, prompts, resources and resource templates. */
export interface McpCatalog {
  readonly tools: readonly Tool[];
  readonly prompts: readonly Prompt[];
  readonly resources: readonly Resource[];
  readonly templates: readonly ResourceTemplate[];
}

export type CatalogPart = keyof McpCatalog;

export const EMPTY_CATALOG: McpCatalog = { tools: [], prompts: [], resources: [], templates: [] };

/** A server listing more than this of one kind is cut off there (paging stops). */
export const MAX_CATALOG_ITEMS = 10_000;

export interface ListOptions {
  readonly timeout: number;
  readonly signal?: AbortSignal;
}

async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor && items.length < MAX_CATALOG_ITEMS);
  return items.slice(0, MAX_CATALOG_ITEMS);
}

const params = (cursor: string | undefined) => (cursor ? { cursor } : undefined);

const listers: { readonly [K in CatalogPart]: (client: Client, options: ListOptions) => Promise<McpCatalog[K]> } = {
  tools: async (client, options) => {
    if (!client.getServerCapabilities()?.tools) return [];
    const tools = await allPages(async (cursor) => {
      const result = await client.listTools(params(cursor), options);
      return { items: result.tools, nextCursor: result.nextCursor };
    });
    // Tools that require the experimental tasks API cannot be called through callTool.
    return tools.filter((tool) => tool.execution?.taskSupport !== 'required');
  },
  prompts: async (client, options) => {
    if (!client.getServerCapabilities()?.prompts) return [];
    return allPages(async (cursor) => {
      const result = await client.listPrompts(params(cursor), options);
      return { items: result.prompts, nextCursor: result.nextCursor };
    });
  },
  resources: async (client, options) => {
    if (!client.getServerCapabilities()?.resources) return [];
    return allPages(async (cursor) => {
      const result = await client.listResources(params(cursor), options);
      return { items: result.resources, nextCursor: result.nextCursor };
    });
  },
  templates: async (client, options) => {
    if (!client.getServerCapabilities()?.resources) return [];
    return allPages(async (cursor) => {
      const result = await client.listResourceTemplates(params(cursor), options);
      return { items: result.resourceTemplates, nextCursor: result.nextCursor };
    });
  },
};

/** Lists one kind of the server's offer (empty when the server does not offer that kind). */
export function listCatalogPart<K extends CatalogPart>(
  client: Client,
  part: K,
  options: ListOptions,
): Promise<McpCatalog[K]> {
  return (listers[part] as (client: Client, options: ListOptions) => Promise<McpCatalog[K]>)(client, options);
}

/**
 * The whole offer at connection time. Only tools are essential: a server whose prompt or resource
 * listing fails still connects, with none of those.
 */
export async function listCatalog(
  client: Client,
  options: ListOptions,
  onOptionalFailure: (part: CatalogPart, error: unknown) => void,
): Promise<McpCatalog> {
  const optional = async <K extends CatalogPart>(part: K): Promise<McpCatalog[K]> => {
    try {
      return await listCatalogPart(client, part, options);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      onOptionalFailure(part, error);
      return [] as McpCatalog[K];
    }
  };
  const tools = await listCatalogPart(client, 'tools', options);
  const [prompts, resources, templates] = await Promise.all([
    optional('prompts'),
    optional('resources'),
    optional('templates'),
  ]);
  return { tools, prompts, resources, templates };
}
