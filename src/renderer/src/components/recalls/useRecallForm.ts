import { useCallback, useMemo, useState } from 'react';
import type { Recall } from '../../../../shared/contract';
import { RpcError } from '../../../../shared/rpc';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import {
  controlsFromForm,
  emptyForm,
  formFromRecall,
  messageProblem,
  scheduleEdited,
  scheduleFromForm,
  type FormProblem,
  type RecallFormField,
  type RecallFormValues,
} from './recallForm';

/** Which control a scheduler error is about, so it can be marked (the message says the rest). */
function fieldOfServerError(error: unknown, values: RecallFormValues): RecallFormField | undefined {
  const text = error instanceof RpcError ? `${error.message} ${error.issues?.map((i) => i.path).join(' ')}` : '';
  if (/message/i.test(text) && !/schedule/i.test(text)) return 'message';
  if (/would end at|end on/i.test(text)) return 'endsOn';
  if (/runs?\b.*(at least|at most)|after at/i.test(text)) return 'endAfter';
  if (values.choice === 'words' && !/message/i.test(text)) return 'whenText';
  if (/time zone/i.test(text)) return 'timeZone';
  if (/cron|expression/i.test(text)) return 'cronExpression';
  if (/interval|everySeconds/i.test(text)) return 'everyAmount';
  if (/past|schedule/i.test(text))
    return values.choice === 'in' ? 'inAmount' : values.choice === 'at' ? 'at' : undefined;
  return undefined;
}

export interface RecallFormState {
  readonly values: RecallFormValues;
  readonly problem: FormProblem | undefined;
  readonly busy: boolean;
  readonly editing: boolean;
  change<K extends keyof RecallFormValues>(field: K, value: RecallFormValues[K]): void;
  /** Creates or saves; resolves to whether it worked. */
  submit(): Promise<boolean>;
}

/** The create / edit form's values and its one round trip to the scheduler. */
export function useRecallForm(sessionId: string, recall: Recall | undefined): RecallFormState {
  const api = useApi();
  const initial = useMemo(() => (recall ? formFromRecall(recall) : emptyForm()), [recall]);
  const [values, setValues] = useState(initial);
  const [problem, setProblem] = useState<FormProblem>();
  const [busy, setBusy] = useState(false);

  const change = useCallback(<K extends keyof RecallFormValues>(field: K, value: RecallFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setProblem((current) => (current?.field === field || current?.field === undefined ? undefined : current));
  }, []);

  const submit = async (): Promise<boolean> => {
    if (busy) return false;
    const keepSchedule = recall !== undefined && !scheduleEdited(initial, values);
    const scheduled = keepSchedule ? undefined : scheduleFromForm(values);
    const controlled = controlsFromForm(values);
    const found =
      (scheduled && 'problem' in scheduled ? scheduled.problem : undefined) ??
      ('problem' in controlled ? controlled.problem : undefined) ??
      messageProblem(values);
    if (found) {
      setProblem(found);
      return false;
    }
    const schedule = scheduled && 'schedule' in scheduled ? scheduled.schedule : undefined;
    const when = scheduled && 'when' in scheduled ? scheduled.when : undefined;
    setBusy(true);
    setProblem(undefined);
    try {
      const message = values.message.trim();
      const { missedPolicy, unattendedPolicy } = values;
      const controls = 'controls' in controlled ? controlled.controls : {};
      if (recall) {
        await api.recalls.update({
          id: recall.id,
          message,
          missedPolicy,
          unattendedPolicy,
          schedule,
          when,
          ...controls,
        });
      } else {
        await api.recalls.create({ sessionId, schedule, when, message, missedPolicy, unattendedPolicy, ...controls });
      }
      return true;
    } catch (error) {
      setProblem({ message: errorMessage(error), field: fieldOfServerError(error, values) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { values, problem, busy, editing: recall !== undefined, change, submit };
}
