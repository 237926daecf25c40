// Browser tests drive Debian's Chromium (no browser download is possible here). On a machine
// without it, install it when we may (root with apt-get), otherwise say exactly what is missing.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.NAVI_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canApt) {
    console.error(
      `Browser tests need Chromium at ${path}: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set NAVI_CHROMIUM.`,
    );
    process.exit(1);
  }
  console.error('Installing Chromium for the browser tests (apt-get)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
}
