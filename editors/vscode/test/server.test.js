// The extension's server command, and the language server itself driven by
// vscode-jsonrpc, the JSON-RPC library under VS Code's own language client.
'use strict';

const assert = require('node:assert/strict');
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const rpc = require('vscode-jsonrpc/node');
const { serverCommand } = require('../server');

test('the server command is `ybc lsp`, with catalogs resolved in the workspace', () => {
  assert.deepEqual(serverCommand({}, undefined), { command: 'ybc', args: ['lsp'], options: {} });
  assert.deepEqual(serverCommand({ path: ' /opt/ybc ', catalogs: ['studio.ybc', '/abs/more.ybc'] }, '/classes'), {
    command: '/opt/ybc',
    args: ['--catalog', path.join('/classes', 'studio.ybc'), '--catalog', '/abs/more.ybc', 'lsp'],
    options: { cwd: '/classes' },
  });
});

// The ybc built by `cargo test`, or YBC_BIN (CI sets it, so a missing build fails there).
const ybc = process.env.YBC_BIN || path.join(__dirname, '..', '..', '..', 'target', 'debug', 'ybc');

test('a real client sees diagnostics, hover, completion and formatting', { skip: !process.env.YBC_BIN && !fs.existsSync(ybc) && 'ybc is not built' }, async () => {
  const server = cp.spawn(ybc, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin),
  );
  const published = new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  try {
    const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(init.capabilities.positionEncoding, 'utf-16');
    await connection.sendNotification('initialized', {});
    const uri = 'file:///tmp/desk-reset.ybc';
    const text = 'strength:\n  locust hold 30s "🧘" with blok\n  locsut 8 reps\n';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'ybc', version: 1, text },
    });
    const { diagnostics } = await published;
    const prop = diagnostics.find((d) => d.code === 'unknown-prop');
    // 🧘 is two UTF-16 units, as JavaScript strings count them.
    assert.deepEqual(prop.range.start, { line: 1, character: text.split('\n')[1].indexOf('blok') });
    assert.match(prop.message, /\nhelp: Did you mean `block`\?/);

    const hover = await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 3 },
    });
    assert.match(hover.contents.value, /\*\*Locust\*\* · \*Salabhasana\*/);

    const items = await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character: 5 },
    });
    assert.ok(items.some((item) => item.label === 'locust' && item.detail === 'Locust · Salabhasana'));

    const edits = await connection.sendRequest('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    // `ybc fmt` puts cues last; only the line that changes is sent.
    assert.deepEqual(edits, [
      {
        range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
        newText: '  locust hold 30s with blok "🧘"\n',
      },
    ]);

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await new Promise((resolve) => server.on('exit', resolve));
    assert.equal(code, 0);
  } finally {
    connection.dispose();
    server.kill();
  }
});
