import type { Prompt, Resource, ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import type { McpPrompt, McpResource, McpResourceTemplate } from '../../shared/contract/mcp';

/** Which server an offer comes from. */
export interface OfferSource {
  readonly serverId: string;
  readonly serverName: string;
}

export function promptView(source: OfferSource, prompt: Prompt): McpPrompt {
  return {
    ...source,
    name: prompt.name,
    title: prompt.title ?? null,
    description: prompt.description ?? null,
    arguments: (prompt.arguments ?? []).map((argument) => ({
      name: argument.name,
      description: argument.description ?? null,
      required: argument.required ?? false,
    })),
  };
}

export function resourceView(source: OfferSource, resource: Resource): McpResource {
  return {
    ...source,
    uri: resource.uri,
    name: resource.name,
    title: resource.title ?? null,
    description: resource.description ?? null,
    mimeType: resource.mimeType ?? null,
  };
}

/** The variables a template needs (none when it cannot be parsed: it is then left out). */
export function templateVariables(uriTemplate: string): string[] | undefined {
  try {
    return new UriTemplate(uriTemplate).variableNames;
  } catch {
    return undefined;
  }
}

export function templateView(source: OfferSource, template: ResourceTemplate): McpResourceTemplate | undefined {
  const variables = templateVariables(template.uriTemplate);
  if (!variables) return undefined;
  return {
    ...source,
    uriTemplate: template.uriTemplate,
    variables,
    name: template.name,
    title: template.title ?? null,
    description: template.description ?? null,
    mimeType: template.mimeType ?? null,
  };
}
