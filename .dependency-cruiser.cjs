/**
 * DESIGN.md "Layers": arrows point down only.
 *   renderer -> shared; preload -> shared; main -> core, shared; host -> core, shared; core -> shared.
 * shared runs anywhere (no node:, no electron); core never imports electron; renderer never imports node.
 */
const nodeBuiltins = require('node:module').builtinModules;

const layer = (name) => `^src/${name}/`;
const forbidLayers = (from, targets, comment) => ({
  name: `${from}-imports-${targets.join('-or-')}`,
  comment,
  severity: 'error',
  from: { path: layer(from) },
  to: { path: `^src/(${targets.join('|')})/` },
});

module.exports = {
  forbidden: [
    forbidLayers('shared', ['core', 'main', 'preload', 'host', 'renderer'], 'shared is the bottom layer'),
    forbidLayers('core', ['main', 'preload', 'host', 'renderer'], 'core only depends on shared'),
    forbidLayers('main', ['preload', 'host', 'renderer'], 'main depends on core and shared only'),
    forbidLayers('host', ['main', 'preload', 'renderer'], 'host depends on core and shared only'),
    forbidLayers('preload', ['core', 'main', 'host', 'renderer'], 'preload depends on shared only'),
    forbidLayers('renderer', ['core', 'main', 'preload', 'host'], 'renderer depends on shared only'),
    {
      name: 'electron-outside-shell',
      comment: 'only main and preload may import electron',
      severity: 'error',
      from: { path: '^src/(shared|core|host|renderer)/' },
      to: { path: '^electron$|^electron/|(^|/)node_modules/electron/' },
    },
    {
      name: 'electron-only-in-entry-points',
      comment:
        'the shell reaches Electron only through the slice in src/main/electronApi.ts, which index.ts fills ' +
        'with the real modules and tests with a recorded fake; other files may import its types only',
      severity: 'error',
      from: { path: '^src/(main|preload)/', pathNot: '^src/(main|preload)/index\\.ts$' },
      to: { path: '^electron$|(^|/)node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'node-builtins-in-portable-code',
      comment: 'shared, renderer and preload run without Node',
      severity: 'error',
      from: { path: '^src/(shared|renderer|preload)/' },
      to: { dependencyTypes: ['core'], pathNot: '^electron$' },
    },
    {
      name: 'node-packages-in-portable-code',
      comment: 'shared and renderer must not pull server-side packages',
      severity: 'error',
      from: { path: '^src/(shared|renderer)/' },
      to: { path: '(^|/)node_modules/(better-sqlite3|ws|node-cron|electron)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: '^electron$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    builtInModules: { add: nodeBuiltins.filter((name) => !name.startsWith('_')) },
  },
};
