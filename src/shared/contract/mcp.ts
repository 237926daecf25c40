import { z } from 'zod';
import { defineService, event, method } from '../rpc/service';

/** How Navi talks to an MCP server: a child process over stdio, or HTTP (Streamable HTTP, SSE as fallback). */
export const McpTransport = z.enum(['stdio', 'http']);
export type McpTransport = z.infer<typeof McpTransport>;

/** `needs-sign-in`: an OAuth server that waits for the person to sign in (Navi does not retry by itself). */
export const McpConnectionState = z.enum(['disabled', 'connecting', 'connected', 'error', 'needs-sign-in']);
export type McpConnectionState = z.infer<typeof McpConnectionState>;

/** One server's live state: what the settings list and the chat indicator show. */
export const McpServerStatus = z.object({
  serverId: z.string(),
  name: z.string(),
  state: McpConnectionState,
  /** Tools offered to the agent (turned-off tools not counted); 0 unless connected. */
  toolCount: z.number().int().nonnegative(),
  /** Prompts (slash commands) and resources the server offers; 0 unless connected. */
  promptCount: z.number().int().nonnegative(),
  resourceCount: z.number().int().nonnegative(),
  /** Why the server is not connected, for a person to read (error and needs-sign-in states). */
  error: z.string().nullable(),
  /** The last lines the server wrote to stderr (stdio servers, error state only). */
  stderrTail: z.array(z.string()),
  /** When the next automatic attempt starts (error state only); null when Navi will not retry by itself. */
  retryAt: z.number().nullable(),
  /** Failed attempts in a row. */
  failures: z.number().int().nonnegative(),
  /** When the state last changed (ms since the epoch). */
  since: z.number(),
});
export type McpServerStatus = z.infer<typeof McpServerStatus>;

/** App event: a server's status changed. Every window receives it through the event bus. */
export const McpStatusChangedEvent = z.object({ type: z.literal('mcp-status'), server: McpServerStatus });
export type McpStatusChangedEvent = z.infer<typeof McpStatusChangedEvent>;

/**
 * An environment variable (stdio) or header (HTTP) of a server. Values never leave the core: a
 * `stored` value lives in the secure store; an `environment` one is read from Navi's environment
 * when connecting, as written in `reference` (e.g. "${GITHUB_TOKEN}" or "Bearer ${API_KEY}").
 */
export const McpSecretEntry = z.object({
  name: z.string(),
  source: z.enum(['stored', 'environment']),
  reference: z.string().nullable(),
  /** The value cannot be found (stored value lost, or the environment variable is not set). */
  missing: z.boolean(),
});
export type McpSecretEntry = z.infer<typeof McpSecretEntry>;

export const McpServer = z.object({
  id: z.string(),
  name: z.string(),
  transport: McpTransport,
  /** stdio: the program to start, its arguments and working directory. */
  command: z.string().nullable(),
  args: z.array(z.string()),
  cwd: z.string().nullable(),
  env: z.array(McpSecretEntry),
  /** http: the endpoint and its headers. */
  url: z.string().nullable(),
  headers: z.array(McpSecretEntry),
  /** http: whether Navi holds an OAuth sign-in for the server (in the secure store, or in memory without one). */
  signedIn: z.boolean(),
  enabled: z.boolean(),
  /** Tools of this server the agent may not use (the server's own tool names). */
  disabledTools: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: McpServerStatus,
});
export type McpServer = z.infer<typeof McpServer>;

export const McpToolInfo = z.object({
  /** The server's name for the tool. */
  name: z.string(),
  /** The name the agent sees (namespaced by server, provider-safe). */
  agentName: z.string(),
  title: z.string().nullable(),
  description: z.string(),
  enabled: z.boolean(),
});
export type McpToolInfo = z.infer<typeof McpToolInfo>;

export const McpPromptArgument = z.object({
  name: z.string(),
  description: z.string().nullable(),
  required: z.boolean(),
});
export type McpPromptArgument = z.infer<typeof McpPromptArgument>;

/** A server's prompt, offered as a slash command in the composer. */
export const McpPrompt = z.object({
  serverId: z.string(),
  serverName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  arguments: z.array(McpPromptArgument),
});
export type McpPrompt = z.infer<typeof McpPrompt>;

/** A resource a server lists, to attach to a message as context. */
export const McpResource = z.object({
  serverId: z.string(),
  serverName: z.string(),
  uri: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  mimeType: z.string().nullable(),
});
export type McpResource = z.infer<typeof McpResource>;

/** A family of resources addressed by filling in `variables` (RFC 6570 URI template). */
export const McpResourceTemplate = z.object({
  serverId: z.string(),
  serverName: z.string(),
  uriTemplate: z.string(),
  variables: z.array(z.string()),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  mimeType: z.string().nullable(),
});
export type McpResourceTemplate = z.infer<typeof McpResourceTemplate>;

export const McpImportError = z.object({
  /** The entry's key in `mcpServers` (or "(file)" when the whole text is unusable). */
  entry: z.string(),
  message: z.string(),
});
export type McpImportError = z.infer<typeof McpImportError>;

export const McpConfigChange = z.object({
  kind: z.enum(['added', 'updated', 'removed']),
  serverId: z.string(),
});
export type McpConfigChange = z.infer<typeof McpConfigChange>;

export { McpContentItem, McpToolOutput } from './mcpOutput';

export const MAX_MCP_SERVER_NAME_CHARS = 60;
export const MAX_MCP_IMPORT_CHARS = 200_000;

const Id = z.string().min(1, 'An id is required').max(100, 'An id can be at most 100 characters');
const ResourceUri = z.string().min(1).max(4_000, 'A resource address can be at most 4000 characters');
/** A resource to attach to a message: the core reads it when the message is sent. */
export const McpResourceRef = z.object({ serverId: Id, uri: ResourceUri });
export type McpResourceRef = z.infer<typeof McpResourceRef>;
const PromptName = z.string().min(1).max(500);

export const McpServerName = z
  .string()
  .trim()
  .min(1, 'Give the server a name')
  .max(MAX_MCP_SERVER_NAME_CHARS, `A server name can be at most ${MAX_MCP_SERVER_NAME_CHARS} characters`)
  .refine((name) => /[A-Za-z0-9]/.test(name), 'A server name needs at least one letter or digit')
  .refine((name) => !/\p{Cc}/u.test(name), 'A server name cannot contain control characters');

const Command = z
  .string()
  .trim()
  .min(1, 'Enter the command that starts the server, e.g. npx or node')
  .max(1000, 'A command can be at most 1000 characters');
const Arg = z.string().max(4000, 'An argument can be at most 4000 characters');
const Cwd = z.string().trim().min(1).max(1000, 'A working directory can be at most 1000 characters');

// No URL class here: shared code runs without DOM or Node globals.
function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value);
}
const Url = z
  .string()
  .trim()
  .max(2000, 'A URL can be at most 2000 characters')
  .refine(isHttpUrl, 'The URL must start with http:// or https://, e.g. http://localhost:3001/mcp');

const SecretValue = z.string().max(10_000, 'A value can be at most 10,000 characters');
export const McpEnvName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'An environment variable name may only contain letters, digits and "_", and cannot start with a digit',
  )
  .max(200, 'An environment variable name can be at most 200 characters');
export const McpHeaderName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'A header name may only contain letters, digits and "-" (e.g. Authorization)')
  .max(200, 'A header name can be at most 200 characters');

/** On add every entry needs a value; on update an entry without one keeps its current value. */
const entries = (name: z.ZodString, what: string, caseInsensitive: boolean) =>
  z
    .array(z.object({ name, value: SecretValue.optional() }))
    .max(100, `At most 100 ${what}s`)
    .refine(
      (list) => {
        const names = list.map((entry) => (caseInsensitive ? entry.name.toLowerCase() : entry.name));
        return new Set(names).size === names.length;
      },
      { message: `Each ${what} may appear only once` },
    );

const StdioFields = z.object({
  transport: z.literal('stdio'),
  name: McpServerName,
  command: Command,
  args: z.array(Arg).max(200, 'At most 200 arguments').default([]),
  cwd: Cwd.optional(),
  env: entries(McpEnvName, 'environment variable', false).default([]),
  enabled: z.boolean().optional(),
});
const HttpFields = z.object({
  transport: z.literal('http'),
  name: McpServerName,
  url: Url,
  headers: entries(McpHeaderName, 'header', true).default([]),
  enabled: z.boolean().optional(),
});

export const AddMcpServerInput = z.discriminatedUnion('transport', [StdioFields, HttpFields]);
export type AddMcpServerInput = z.input<typeof AddMcpServerInput>;

/** Replaces a server's settings; env/header entries left without a value keep their current one. */
export const UpdateMcpServerInput = z.discriminatedUnion('transport', [
  StdioFields.extend({ id: Id }),
  HttpFields.extend({ id: Id }),
]);
export type UpdateMcpServerInput = z.input<typeof UpdateMcpServerInput>;

/** MCP servers: their settings (secrets go in, never out) and live status. */
export const mcpService = defineService('mcp', {
  /** Every configured server with its current status. */
  list: method({ input: z.undefined(), output: z.array(McpServer) }),
  add: method({ input: AddMcpServerInput, output: McpServer }),
  update: method({ input: UpdateMcpServerInput, output: McpServer }),
  remove: method({ input: z.object({ id: Id }), output: z.object({ removed: z.boolean() }) }),
  setEnabled: method({ input: z.object({ id: Id, enabled: z.boolean() }), output: McpServer }),
  setToolEnabled: method({
    input: z.object({ id: Id, tool: z.string().min(1).max(500), enabled: z.boolean() }),
    output: McpServer,
  }),
  /** Adds the servers of a `{"mcpServers": {…}}` file; entries that cannot be added are reported, not fatal. */
  importJson: method({
    input: z.object({
      json: z.string().max(MAX_MCP_IMPORT_CHARS, `The text can be at most ${MAX_MCP_IMPORT_CHARS} characters`),
    }),
    output: z.object({ added: z.array(McpServer), errors: z.array(McpImportError) }),
  }),
  /** Connects again now (also resets the backoff after errors). */
  reconnect: method({ input: z.object({ id: Id }), output: McpServer }),
  /** The server's tools as last listed (empty before the first connection). */
  listTools: method({ input: z.object({ id: Id }), output: z.array(McpToolInfo) }),
  /** Every connected server's prompts (slash commands), by server then name. */
  listPrompts: method({ input: z.undefined(), output: z.array(McpPrompt) }),
  /** Renders a prompt with its arguments into text for the composer. */
  getPrompt: method({
    input: z.object({
      serverId: Id,
      name: PromptName,
      arguments: z.record(z.string().max(200), z.string().max(10_000)).default({}),
    }),
    output: z.object({ text: z.string() }),
  }),
  /** Every connected server's resources and resource templates (or one server's). */
  listResources: method({
    input: z.object({ serverId: Id.optional() }).optional(),
    output: z.object({ resources: z.array(McpResource), templates: z.array(McpResourceTemplate) }),
  }),
  /** Fills in a resource template's variables, giving the resource's address. */
  expandTemplate: method({
    input: z.object({
      serverId: Id,
      uriTemplate: z.string().min(1).max(4_000),
      values: z.record(z.string().max(200), z.string().max(2_000)),
    }),
    output: z.object({ uri: z.string() }),
  }),
  /**
   * Starts signing in to an OAuth server: answers with the page to open. The desktop shell opens it
   * in the system browser (`opened`); elsewhere the window shows it as a link. Null when the stored
   * sign-in was still good (the server connects again at once).
   */
  signIn: method({
    input: z.object({ id: Id }),
    output: z.object({ authorizationUrl: z.string().nullable(), opened: z.boolean() }),
  }),
  /** Forgets the server's OAuth sign-in (tokens and registration). */
  signOut: method({ input: z.object({ id: Id }), output: McpServer }),
  /** Server settings changed (from any window): reload the list. Status changes come as `mcp-status` app events. */
  onChanged: event({ input: z.undefined(), payload: McpConfigChange }),
});
