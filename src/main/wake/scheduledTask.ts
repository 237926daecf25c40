import { join } from 'node:path';
import {
  localIso,
  localTime,
  mustRun,
  type CommandRunner,
  type LaunchCommand,
  type WakeBackend,
  type WakeFiles,
} from './wakePlan';

export const SCHEDULED_TASK_NAME = 'Navi\\Wake for recalls';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Windows command-line quoting (CommandLineToArgvW rules) for the task's arguments. */
export function windowsArgument(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

/** A Task Scheduler task (schtasks /XML) that starts Navi once at `at`, in the person's session. */
export function scheduledTaskXml(launch: LaunchCommand, at: number, timeZone: string): string {
  const start = localIso(localTime(at, timeZone));
  const args = launch.args.map(windowsArgument).join(' ');
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>Starts Navi in the tray shortly before a recall is due. Navi updates or removes this task itself.</Description>
  </RegistrationInfo>
  <Triggers>
    <TimeTrigger>
      <StartBoundary>${start}</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>${escapeXml(launch.executable)}</Command>
      <Arguments>${escapeXml(args)}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}

/** schtasks reads task XML as UTF-16 with a byte order mark. */
export function utf16WithBom(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
}

export interface ScheduledTaskOptions {
  readonly launch: LaunchCommand;
  /** Where the XML is written for schtasks to read (Navi's data folder). */
  readonly dataDir: string;
  readonly timeZone: () => string;
  readonly run: CommandRunner;
  readonly files: WakeFiles;
}

/** Windows: a Task Scheduler task under "Navi\", created from XML and replaced each time. */
export function createScheduledTaskBackend(options: ScheduledTaskOptions): WakeBackend {
  const xml = join(options.dataDir, 'wake-task.xml');
  return {
    unavailableReason: async () => undefined,
    register: async (at) => {
      await options.files.write(xml, utf16WithBom(scheduledTaskXml(options.launch, at, options.timeZone())));
      await mustRun(options.run, 'schtasks', ['/Create', '/TN', SCHEDULED_TASK_NAME, '/XML', xml, '/F']);
    },
    remove: async () => {
      // Fails when there is no such task; that is fine.
      await options.run('schtasks', ['/Delete', '/TN', SCHEDULED_TASK_NAME, '/F']);
      await options.files.remove(xml);
    },
  };
}
