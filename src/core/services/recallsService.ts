import type { NaviServices, ToolRunEntry } from '../../shared/contract';
import type { RecallScheduler } from '../recalls/recallScheduler';

/**
 * The `recalls` service. `approvalsOfRun` adds to each history row what its run asked a person
 * about (tool approvals) and how that was answered.
 */
export function createRecallsService(
  scheduler: RecallScheduler,
  approvalsOfRun: (runId: string) => ToolRunEntry[] = () => [],
): NaviServices['recalls'] {
  return {
    list: (input) => scheduler.list(input?.sessionId),
    create: (input) => scheduler.create({ ...input, createdBy: 'user' }),
    preview: (input) => scheduler.preview(input),
    update: ({ id, ...change }) => scheduler.update(id, change),
    snooze: ({ id, minutes }) => scheduler.snooze(id, minutes),
    pause: ({ id }) => scheduler.pause(id),
    resume: ({ id }) => scheduler.resume(id),
    runNow: ({ id }) => scheduler.runNow(id),
    delete: ({ id }) => ({ deleted: scheduler.delete(id) }),
    health: () => scheduler.health(),
    history: (input) =>
      scheduler.history(input ?? {}).map((run) => ({ ...run, approvals: run.runId ? approvalsOfRun(run.runId) : [] })),
  };
}
