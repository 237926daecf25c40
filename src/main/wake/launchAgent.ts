import { join } from 'node:path';
import {
  localTime,
  mustRun,
  type CommandRunner,
  type LaunchCommand,
  type WakeBackend,
  type WakeFiles,
} from './wakePlan';

export const LAUNCH_AGENT_LABEL = 'app.navi.desktop.wake';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * What launchd runs: `open -g -a Navi.app --args …`, so the job ends at once and Navi is not
 * launchd's child (replacing the job later must not stop the running Navi); without a bundle
 * (a bare binary), the program itself.
 */
export function launchAgentProgram(launch: LaunchCommand): string[] {
  const bundle = /^(.*?\.app)\/Contents\/MacOS\//.exec(launch.executable)?.[1];
  return bundle ? ['/usr/bin/open', '-g', '-a', bundle, '--args', ...launch.args] : [launch.executable, ...launch.args];
}

/** A LaunchAgent that starts Navi once at `at` (local wall time; launchd calendar intervals are local). */
export function launchAgentPlist(launch: LaunchCommand, at: number, timeZone: string): string {
  const time = localTime(at, timeZone);
  const program = launchAgentProgram(launch)
    .map((part) => `    <string>${escapeXml(part)}</string>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCH_AGENT_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${program}
  </array>
  <key>StartCalendarInterval</key>
  <dict>
    <key>Month</key>
    <integer>${time.month}</integer>
    <key>Day</key>
    <integer>${time.day}</integer>
    <key>Hour</key>
    <integer>${time.hour}</integer>
    <key>Minute</key>
    <integer>${time.minute}</integer>
  </dict>
  <key>RunAtLoad</key>
  <false/>
  <key>ProcessType</key>
  <string>Interactive</string>
</dict>
</plist>
`;
}

export interface LaunchAgentOptions {
  readonly launch: LaunchCommand;
  readonly home: string;
  readonly uid: number;
  readonly timeZone: () => string;
  readonly run: CommandRunner;
  readonly files: WakeFiles;
}

/** macOS: a LaunchAgent in ~/Library/LaunchAgents, loaded into the person's GUI session. */
export function createLaunchAgentBackend(options: LaunchAgentOptions): WakeBackend {
  const plist = join(options.home, 'Library', 'LaunchAgents', `${LAUNCH_AGENT_LABEL}.plist`);
  const domain = `gui/${options.uid}`;
  // bootout fails when nothing is loaded; that is fine.
  const unload = () => options.run('launchctl', ['bootout', `${domain}/${LAUNCH_AGENT_LABEL}`]);
  return {
    unavailableReason: async () => undefined,
    register: async (at) => {
      await unload();
      await options.files.write(plist, launchAgentPlist(options.launch, at, options.timeZone()));
      await mustRun(options.run, 'launchctl', ['bootstrap', domain, plist]);
    },
    remove: async () => {
      await unload();
      await options.files.remove(plist);
    },
  };
}
