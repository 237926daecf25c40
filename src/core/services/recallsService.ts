import type { NaviServices } from '../../shared/contract';
import type { RecallScheduler } from '../recalls/recallScheduler';

export function createRecallsService(scheduler: RecallScheduler): NaviServices['recalls'] {
  return {
    list: (input) => scheduler.list(input?.sessionId),
    create: ({ sessionId, schedule, message, missedPolicy }) =>
      scheduler.create({ sessionId, schedule, message, missedPolicy, createdBy: 'user' }),
    update: ({ id, ...change }) => scheduler.update(id, change),
    pause: ({ id }) => scheduler.pause(id),
    resume: ({ id }) => scheduler.resume(id),
    runNow: ({ id }) => scheduler.runNow(id),
    delete: ({ id }) => ({ deleted: scheduler.delete(id) }),
    health: () => scheduler.health(),
    history: (input) => scheduler.history(input ?? {}),
  };
}
