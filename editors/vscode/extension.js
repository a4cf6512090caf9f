// The ybc extension. Highlighting comes from the TextMate grammar; diagnostics,
// completion, hover, the outline, formatting and quick fixes all come from the
// `ybc lsp` language server, which this starts and talks to over stdio.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverCommand } = require('./server');

let client;

async function start() {
  const settings = vscode.workspace.getConfiguration('ybc');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const server = serverCommand({ path: settings.get('path'), catalogs: settings.get('catalogs') }, folder);
  const candidate = new LanguageClient('ybc', 'ybc', server, { documentSelector: [{ language: 'ybc' }] });
  try {
    await candidate.start();
    client = candidate;
  } catch (error) {
    vscode.window.showErrorMessage(
      `ybc: could not start \`${server.command} lsp\` (${error.message}). ` +
        'Install ybc, or set "ybc.path" to the ybc program.',
    );
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('ybc')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
