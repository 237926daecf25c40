import type { AppInfo, NaviServices } from '../../shared/contract';

export function createAppService(info: AppInfo): NaviServices['app'] {
  return { info: () => info };
}
