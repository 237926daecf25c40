// Browser tests drive Debian's Chromium headless shell, and its full Chromium where pages notify (no
// browser download is possible here). On a machine without them, install them when we may (root
// with apt-get), otherwise say exactly what is missing.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// NAVI_CHROMIUM names one Chromium for every browser test.
const wanted = process.env.NAVI_CHROMIUM
  ? [[process.env.NAVI_CHROMIUM, 'chromium']]
  : [
      ['/usr/bin/chromium', 'chromium'],
      ['/usr/bin/chromium-headless-shell', 'chromium-headless-shell'],
    ];
const missing = wanted.filter(([path]) => !existsSync(path));
if (missing.length > 0) {
  const packages = missing.map(([, name]) => name).join(' ');
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canApt) {
    console.error(
      `Browser tests need ${missing.map(([path]) => path).join(' and ')}: install ${packages} (Debian/Ubuntu: sudo apt-get install -y ${packages}) or set NAVI_CHROMIUM.`,
    );
    process.exit(1);
  }
  console.error(`Installing ${packages} for the browser tests (apt-get)…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, {
    stdio: 'inherit',
  });
}
