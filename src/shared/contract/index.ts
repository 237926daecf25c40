import type { ContractClient, ContractImpl } from '../rpc/service';
import { appService } from './app';
import { attachmentsService } from './attachments';
import { eventsService } from './appEvents';
import { exportsService } from './exports';
import { chatService } from './chat';
import { mcpService } from './mcp';
import { recallsService } from './recalls';
import { sessionsService } from './sessions';
import { shellService } from './shell';
import { toolsService } from './tools';
import { settingsService } from './settings';

export * from './app';
export * from './appEvents';
export * from './attachments';
export * from './chat';
export * from './elicitation';
export * from './exports';
export * from './limits';
export * from './mcp';
export * from './messages';
export * from './recalls';
export * from './runStatus';
export * from './sessions';
export * from './shell';
export * from './toolProgress';
export * from './settings';
export * from './toolApproval';
export * from './tools';

/** Every service Navi's core offers to a window. Channel names come only from here. */
export const contract = {
  app: appService,
  sessions: sessionsService,
  chat: chatService,
  events: eventsService,
  settings: settingsService,
  recalls: recallsService,
  shell: shellService,
  mcp: mcpService,
  attachments: attachmentsService,
  tools: toolsService,
  exports: exportsService,
} as const;

export type NaviContract = typeof contract;
export type NaviServices = ContractImpl<NaviContract>;
/** What the core serves; the shell (desktop or browser host) adds its own `shell` service. */
export type CoreServices = Omit<NaviServices, 'shell'>;
export type NaviClient = ContractClient<NaviContract>;
