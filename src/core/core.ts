import type { AppInfo, NaviServices } from '../shared/contract';
import type { Disposable } from '../shared/rpc';
import { openDatabase } from './db/database';
import { databaseFile } from './paths';
import { consoleLogger, type Logger } from './ports';
import { createAppService } from './services/appService';

export interface CoreOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly shell: AppInfo['shell'];
  readonly nativeBinding?: string;
  readonly logger?: Logger;
}

export interface Core extends Disposable {
  readonly services: NaviServices;
  readonly logger: Logger;
}

/** Builds Navi's core once per process; the desktop shell and the browser host serve its services. */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const file = databaseFile(options.dataDir);
  const database = openDatabase(file, { nativeBinding: options.nativeBinding });
  const services: NaviServices = {
    app: createAppService({
      name: 'Navi',
      version: options.version,
      dataDir: options.dataDir,
      databaseFile: file,
      schemaVersion: database.schemaVersion,
      shell: options.shell,
    }),
  };
  return {
    services,
    logger,
    dispose: () => database.close(),
  };
}
