import { EventEmitter } from 'node:events';
import type {
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  MessageBoxReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import type { NotificationLike, SessionLike, TrayLike } from '../../../src/main/electronApi';

/** A built menu: the template as given, so tests read labels and click items. */
export class FakeMenu {
  constructor(readonly items: readonly MenuItemConstructorOptions[]) {}

  get labels(): string[] {
    return this.items.map((item) => (item.type === 'separator' ? '—' : (item.label ?? '')));
  }

  item(label: string): MenuItemConstructorOptions {
    const found = this.items.find((item) => item.label === label);
    if (!found) throw new Error(`No menu item "${label}" in ${JSON.stringify(this.labels)}`);
    return found;
  }

  click(label: string): void {
    const item = this.item(label);
    if (item.enabled === false) throw new Error(`Menu item "${label}" is disabled`);
    (item.click as (() => void) | undefined)?.();
  }
}

export class FakeTray extends EventEmitter implements TrayLike {
  toolTip = '';
  menu: FakeMenu | undefined;
  destroyed = false;
  constructor(readonly icon: string) {
    super();
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu as FakeMenu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  click(): void {
    this.emit('click');
  }
}

export interface NotificationOptions {
  readonly title?: string;
  readonly body?: string;
  readonly silent?: boolean;
  readonly icon?: unknown;
  readonly actions?: readonly { readonly type: string; readonly text?: string }[];
}

export class FakeNotification extends EventEmitter implements NotificationLike {
  shown = false;
  constructor(
    readonly options: NotificationOptions,
    private readonly onShow: (notification: FakeNotification) => void,
  ) {
    super();
  }
  show(): void {
    this.shown = true;
    this.onShow(this);
  }
  click(): void {
    this.emit('click');
  }
  /** Presses one of its buttons, as Electron reports it (macOS and Windows). */
  pressAction(actionIndex: number): void {
    this.emit('action', { actionIndex, selectionIndex: -1 }, actionIndex, -1);
  }
}

type RequestHandler = Parameters<SessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<SessionLike['setPermissionCheckHandler']>[0];

/** session.defaultSession: keeps the permission handlers so tests can ask them. */
export class FakeSession implements SessionLike {
  requestHandler: RequestHandler | undefined;
  checkHandler: CheckHandler | undefined;
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }
}

/**
 * protocol: privileged schemes before 'ready' only, handlers after it only, one per scheme (Electron
 * throws otherwise). `request` is a page loading a URL of a handled scheme.
 */
export class FakeProtocol {
  readonly privileged: CustomScheme[] = [];
  private readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  constructor(private readonly isReady: () => boolean) {}

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (this.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    if (!this.isReady()) throw new Error('protocol.handle can only be used after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  isHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  request(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`No handler for ${url}`);
    return handler(new Request(url, init));
  }
}

/** dialog: error boxes are recorded; message boxes are answered by the test (default: the cancel button). */
export class FakeDialog {
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly messageBoxes: MessageBoxOptions[] = [];
  answer: (options: MessageBoxOptions) => Partial<MessageBoxReturnValue> = (options) => ({
    response: options.cancelId ?? 0,
  });

  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }

  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue> {
    this.messageBoxes.push(options);
    return Promise.resolve({ response: 0, checkboxChecked: false, ...this.answer(options) });
  }

  /** Save dialogs shown; the test picks the path (default: the person cancels). */
  readonly saveDialogs: SaveDialogOptions[] = [];
  answerSave: (options: SaveDialogOptions) => string | undefined = () => undefined;

  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    this.saveDialogs.push(options);
    const filePath = this.answerSave(options);
    return Promise.resolve(filePath === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath });
  }
}

export class FakeShell {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

/** powerMonitor: tests emit 'suspend' and 'resume'. */
export class FakePowerMonitor extends EventEmitter {}
