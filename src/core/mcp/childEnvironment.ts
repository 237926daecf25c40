import type { Env } from '../settings/envSettings';

/**
 * What a stdio server inherits from Navi's environment: only what programs need to run (PATH, HOME,
 * locale, proxies), never Navi's own API keys. Anything else must be configured on the server,
 * e.g. as "${GITHUB_TOKEN}". Mirrors the MCP SDK's default inheritance list, plus locale and proxies.
 */
const INHERITED_POSIX = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER', 'LANG', 'LC_ALL', 'TMPDIR'];
const INHERITED_WINDOWS = [
  'APPDATA',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'PATH',
  'PATHEXT',
  'PROCESSOR_ARCHITECTURE',
  'SYSTEMDRIVE',
  'SYSTEMROOT',
  'TEMP',
  'TMP',
  'USERNAME',
  'USERPROFILE',
  'PROGRAMFILES',
  'COMSPEC',
];
const INHERITED_PROXIES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

export function childEnvironment(
  env: Env,
  configured: Readonly<Record<string, string>>,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const names = [...(platform === 'win32' ? INHERITED_WINDOWS : INHERITED_POSIX), ...INHERITED_PROXIES];
  const result: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    // Exported shell functions ("() { …") are a known injection vector; never pass them on.
    if (value !== undefined && !value.startsWith('()')) result[name] = value;
  }
  return { ...result, ...configured };
}
