import type { AppInfo, CoreServices } from '../shared/contract';
import { createAgentRuntime } from './agent/runtime';
import { Attachments } from './attachments/attachments';
import { AttachmentStore } from './attachments/attachmentStore';
import { ToolApprovals } from './approvals/toolApprovals';
import { ToolRunLog } from './approvals/toolRunLog';
import { unattendedElicitation } from './approvals/unattendedElicitation';
import type { Agent } from './agent/types';
import { openDatabase, type OpenedDatabase } from './db/database';
import type { ConfirmStdioCommands } from './mcp/commandConfirmation';
import { createMcpRuntime, type McpRuntime } from './mcp/mcpRuntime';
import { AppEventBus } from './events/appEventBus';
import { lockDataDir, type DataDirLock, type LockDataDir } from './ownership/dataDirLock';
import { databaseFile } from './paths';
import { consoleLogger, systemClock, type Clock, type Logger, type Notifier, type PowerMonitor } from './ports';
import { RecallScheduler } from './recalls/recallScheduler';
import { createRecallTools } from './recalls/recallTools';
import { RecallStore } from './recalls/recallStore';
import { createRecallsService } from './services/recallsService';
import { AppMetaHeldNotices } from './recalls/heldNotices';
import { QuietHoursGate } from './recalls/quietHoursGate';
import { systemTimeZone } from './timeZones';
import { createAppService } from './services/appService';
import { createAttachmentsService } from './services/attachmentsService';
import { createChatService } from './services/chatService';
import { createEventsService } from './services/eventsService';
import { MessageSearch } from './search/messageSearch';
import { createExportsService } from './services/exportsService';
import { ConversationRows } from './export/conversationRows';
import { Transfers } from './export/transfers';
import { createSessionsService } from './services/sessionsService';
import { createToolsService } from './services/toolsService';
import { ToolPolicyStore } from './tools/toolPolicyStore';
import { createEnvOnlySecrets } from './secrets/envOnlySecrets';
import type { Secrets } from './secrets/secrets';
import type { Env } from './settings/envSettings';
import { Orchestrator } from './sessions/orchestrator';
import { markUnreadRecallReplies } from './sessions/unreadMarks';
import { SessionStore } from './store/sessionStore';

export interface CoreOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly shell: AppInfo['shell'];
  readonly nativeBinding?: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Where API keys are kept: safeStorage on the desktop; none in the browser host (environment only). */
  readonly secrets?: Secrets;
  /** Provider configuration from the environment (OPENAI_API_KEY, NAVI_MODEL, …); defaults to process.env. */
  readonly env?: Env;
  /** Replaces the configured agent (tests drive runs with their own). */
  readonly agent?: Agent;
  /** Shows recall notifications (the desktop tray); the browser host relies on app events instead. */
  readonly notifier?: Notifier;
  /** Sleep and wake from the desktop shell. */
  readonly power?: PowerMonitor;
  /** Asks the person before an MCP stdio server's program is added or changed (the desktop's native dialog). */
  readonly confirmMcpCommands?: ConfirmStdioCommands;
  /** Opens an http(s) page in the system browser (the desktop shell): OAuth sign-in pages. */
  readonly openExternal?: (url: string) => Promise<void>;
  /** The user's time zone (defaults to the system's). */
  readonly timeZone?: () => string;
  /** Takes the data directory for this process (one owner per directory); throws DataDirInUseError. */
  readonly lockDataDir?: LockDataDir;
}

export interface Core {
  readonly services: CoreServices;
  readonly logger: Logger;
  readonly bus: AppEventBus;
  readonly store: SessionStore;
  readonly orchestrator: Orchestrator;
  readonly recalls: RecallScheduler;
  readonly mcp: McpRuntime;
  readonly attachments: Attachments;
  /** Exports and imports under way, per connection (the desktop saves an export where the person picks). */
  readonly transfers: Transfers;
  /** This process's hold on the data directory; `announce` publishes the address it serves at. */
  readonly dataDirLock: DataDirLock;
  /** Stops runs (their partial replies are stored), then closes the database. */
  close(): Promise<void>;
}

/** Builds Navi's core once per process; the desktop shell and the browser host serve its services. */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? systemClock;
  const file = databaseFile(options.dataDir);
  // Before the database opens: a second Navi on this directory must never run a second scheduler on it.
  const take =
    options.lockDataDir ?? ((dataDir, owner) => lockDataDir(dataDir, owner, { nativeBinding: options.nativeBinding }));
  const dataDirLock = take(options.dataDir, {
    kind: options.shell === 'desktop' ? 'desktop' : 'serve',
    version: options.version,
  });
  let database: OpenedDatabase;
  try {
    database = openDatabase(file, { nativeBinding: options.nativeBinding, logger });
  } catch (error) {
    dataDirLock.dispose();
    throw error;
  }
  const bus = new AppEventBus((error) => logger.error('App event listener failed:', error));
  const store = new SessionStore(database.db, () => clock.now());
  const secrets = options.secrets ?? createEnvOnlySecrets();
  const env = options.env ?? process.env;
  const attachmentStore: AttachmentStore = new AttachmentStore(
    { db: database.db, dataDir: options.dataDir, clock, logger },
    (id: string): boolean => attachments.isHeld(id),
  );
  const attachments: Attachments = new Attachments(attachmentStore, logger);
  // Files no conversation refers to any more go with the last one that did (and on start, any left over).
  let collecting: Promise<unknown> = attachmentStore
    .sweep()
    .catch((error: unknown) => logger.warn('Could not tidy the attached files:', error));
  const collectAttachments = (): void => {
    collecting = collecting
      .then(() => attachmentStore.collect())
      .catch((error: unknown) => logger.warn('Could not delete unused attached files:', error));
  };
  const runtime = createAgentRuntime({
    db: database.db,
    secrets,
    env,
    logger,
    now: () => clock.now(),
    clock,
    attachments: attachmentStore,
  });
  const agent = options.agent ?? runtime.agent;
  const toolPolicies = new ToolPolicyStore(database.db, () => clock.now());
  const toolRunLog = new ToolRunLog(database.db, () => clock.now());
  toolRunLog.recoverInterrupted();
  toolPolicies.onChanged(() => bus.publish({ type: 'tool-policies-changed' }));
  const orchestrator = new Orchestrator({
    store,
    agent: () => agent,
    bus,
    logger,
    clock,
    titleGenerator: options.agent ? undefined : (history, signal) => runtime.generateTitle(history, signal),
    unattendedElicitation: (recall) =>
      unattendedElicitation(
        {
          clock,
          publish: (event) => bus.publish(event),
          sessionTitle: (sessionId) => store.getSession(sessionId)?.title ?? 'Navi',
        },
        recall,
      ),
    toolApprovals: new ToolApprovals({
      tools: runtime.tools,
      policies: toolPolicies,
      log: toolRunLog,
      clock,
      logger,
      publish: (event) => bus.publish(event),
      sessionTitle: (sessionId) => store.getSession(sessionId)?.title ?? 'Navi',
    }),
  });
  // A recall run waiting for a person's OK shows a notification (the tray; browser windows show their own).
  bus.on('approval-needed', (event) => {
    if (event.recallId === null) return;
    try {
      options.notifier?.notify({
        kind: 'approval',
        recallId: event.recallId,
        sessionId: event.sessionId,
        sessionTitle: event.sessionTitle,
        title: event.title,
        text: event.text,
      });
    } catch (error) {
      logger.warn('Could not show a notification:', error);
    }
  });

  const timeZone = options.timeZone ?? systemTimeZone;
  const quietHours = new QuietHoursGate({
    clock,
    logger,
    quietHours: () => runtime.agentSettings.quietHours(),
    timeZone,
    notifier: options.notifier,
    publish: (event) => bus.publish(event),
    store: new AppMetaHeldNotices(database.db, logger),
  });
  const recalls = new RecallScheduler({
    recalls: new RecallStore(database.db, () => clock.now()),
    sessions: store,
    orchestrator,
    bus,
    clock,
    logger,
    notifier: options.notifier,
    quietHours,
    power: options.power,
    timeZone,
    defaultMissedPolicy: (sessionId) =>
      runtime.agentSettings.profileFor(store.getSession(sessionId)?.profileId ?? null)?.recallMissedPolicy ?? undefined,
  });
  for (const tool of createRecallTools({ scheduler: recalls, now: () => clock.now(), timeZone })) {
    runtime.tools.register(tool);
  }

  const mcp = createMcpRuntime({
    db: database.db,
    secrets,
    tools: runtime.tools,
    publish: (event) => bus.publish(event),
    clock,
    logger,
    env,
    confirmCommands: options.confirmMcpCommands,
    openExternal: options.openExternal,
    tuning: { clientInfo: { name: 'Navi', version: options.version } },
  });

  const messageSearch = new MessageSearch({ file, nativeBinding: options.nativeBinding, logger });
  const transfers = new Transfers(options.dataDir, logger);
  const profileExists = (id: string) => runtime.agentSettings.getProfile(id) !== undefined;
  const services: CoreServices = {
    app: createAppService({
      name: 'Navi',
      version: options.version,
      dataDir: options.dataDir,
      databaseFile: file,
      schemaVersion: database.schemaVersion,
      shell: options.shell,
    }),
    sessions: createSessionsService({ store, orchestrator, messageSearch, profileExists }),
    chat: createChatService(orchestrator, {
      store,
      profileExists,
      readResources: (refs) => mcp.manager.readResources(refs),
      attachments,
    }),
    events: createEventsService(bus),
    settings: runtime.settings,
    recalls: createRecallsService(recalls, (runId) => toolRunLog.askedInRun(runId)),
    mcp: mcp.service,
    attachments: createAttachmentsService(attachments),
    tools: createToolsService({
      tools: runtime.tools,
      policies: toolPolicies,
      log: toolRunLog,
      servers: () => mcp.configs.list(),
      serverTools: (serverId) => {
        try {
          return mcp.manager.tools(serverId);
        } catch {
          return []; // removed meanwhile
        }
      },
    }),
    exports: createExportsService({
      rows: new ConversationRows(database.db, () => clock.now()),
      store,
      orchestrator,
      attachments,
      transfers,
      app: { name: 'Navi', version: options.version },
      now: () => clock.now(),
      timeZone,
      logger,
    }),
  };
  const stopCollecting = bus.on('session-deleted', collectAttachments);
  const unreadMarks = markUnreadRecallReplies({ bus, store, orchestrator });
  // A removed server's rules went with it (foreign key); forget the in-memory copy too.
  mcp.configs.onChanged((change) => {
    if (change.kind === 'removed') toolPolicies.invalidate();
  });
  recalls.start();

  let closed: Promise<void> | undefined;
  return {
    services,
    logger,
    bus,
    store,
    orchestrator,
    recalls,
    mcp,
    attachments,
    transfers,
    dataDirLock,
    close: () =>
      (closed ??= (async () => {
        recalls.dispose();
        quietHours.dispose();
        stopCollecting.dispose();
        unreadMarks.dispose();
        attachments.dispose();
        transfers.dispose();
        await orchestrator.close();
        await collecting;
        await mcp.dispose();
        runtime.dispose();
        toolPolicies.dispose();
        bus.dispose();
        await messageSearch.close();
        database.close();
        await database.closed;
        dataDirLock.dispose();
      })()),
  };
}
