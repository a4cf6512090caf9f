// What to run as the language server, from the extension's settings. Kept apart
// from extension.js, and free of the `vscode` module, so plain Node can test it.
'use strict';

const path = require('path');

/**
 * The `ybc lsp` command: `settings.path` (default `ybc`), with a `--catalog`
 * for each of `settings.catalogs` (relative ones resolved against `folder`).
 */
function serverCommand(settings, folder) {
  const command = (settings.path || '').trim() || 'ybc';
  const args = [];
  for (const file of settings.catalogs || []) {
    args.push('--catalog', folder && !path.isAbsolute(file) ? path.join(folder, file) : file);
  }
  args.push('lsp');
  return { command, args, options: folder ? { cwd: folder } : {} };
}

module.exports = { serverCommand };
