import type { NaviServices } from '../../shared/contract';
import type { AppEventBus } from '../events/appEventBus';

export function createEventsService(bus: AppEventBus): NaviServices['events'] {
  return { onAppEvent: () => bus.subscribe };
}
