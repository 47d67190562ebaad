// Check that `faultline server` works with the client library of the VS Code extension.
//
// Run it through check.sh (which installs the extension's dependencies, packages the extension
// and prepares a broken record), or, with the extension's node_modules installed:
//   FAULTLINE=/path/to/faultline FAULTLINE_RECORD=/path/to/record.toml \
//     FAULTLINE_EXPECTED=/path/to/lint.json node editors/vscode/check.js
//
// VS Code itself cannot be run here, so this speaks to the server through the protocol library
// the extension's client is built on (vscode-languageserver-protocol, installed with
// vscode-languageclient), announcing the client capabilities VS Code announces for what the
// server offers. It opens the record, waits for textDocument/publishDiagnostics, compares the
// diagnostics with `faultline lint --format json` (FAULTLINE_EXPECTED), asks for completion and
// code actions at the first diagnostic, shuts the server down and checks that it exits with 0.
// Exit code: 0 all of that worked, 1 something did not, 2 bad usage.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const rpc = require('vscode-languageserver-protocol/node');

const out = (s) => process.stdout.write(s + '\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The capabilities VS Code's client (vscode-languageclient 9) announces for the features the
// server implements.
const capabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    workspaceFolders: true,
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: {
        snippetSupport: true,
        commitCharactersSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        deprecatedSupport: true,
        preselectSupport: true,
        tagSupport: { valueSet: [1] },
        insertReplaceSupport: true,
        resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
        insertTextModeSupport: { valueSet: [1, 2] },
        labelDetailsSupport: true,
      },
      insertTextMode: 2,
      completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => i + 1) },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    definition: { dynamicRegistration: true, linkSupport: true },
    references: { dynamicRegistration: true },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'],
        },
      },
      honorsChangeAnnotations: false,
    },
    formatting: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true, showMessage: {}, showDocument: { support: true } },
};

// The workspace folder VS Code would open: the dataset folder, or its parent when
// faultline.toml is there.
function workspaceOf(record) {
  for (let dir = path.dirname(record); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const has = (n) => fs.existsSync(path.join(dir, n));
    if (has('places.toml') || has('actors.toml') || has('events') || has('sources')) {
      const parent = path.dirname(dir);
      return !has('faultline.toml') && fs.existsSync(path.join(parent, 'faultline.toml')) ? parent : dir;
    }
  }
  return null;
}

// A diagnostic as `faultline lint --format json` writes a finding: 1-based line and column,
// columns counted in characters (the server's are UTF-16 code units).
function asFinding(d, lines) {
  const col = (pos) => [...(lines[pos.line] || '').slice(0, pos.character)].length + 1;
  return [d.code, ['', 'error', 'warning', 'info', 'hint'][d.severity], d.range.start.line + 1, col(d.range.start),
    d.range.end.line + 1, col(d.range.end), d.message].join('|');
}

async function main() {
  const bin = process.env.FAULTLINE;
  const recordArg = process.env.FAULTLINE_RECORD;
  if (!bin || !recordArg) {
    out('usage: FAULTLINE=BIN FAULTLINE_RECORD=FILE [FAULTLINE_EXPECTED=LINT.json] node check.js');
    return 2;
  }
  const record = path.resolve(recordArg);
  const ws = workspaceOf(record);
  if (!fs.existsSync(record) || !ws) {
    out(`not a record file of a dataset: ${record}`);
    return 2;
  }
  const text = fs.readFileSync(record, 'utf8');
  const lines = text.split(/\r?\n/);
  const uri = pathToFileURL(record).href;
  const timeout = Number(process.env.FAULTLINE_TIMEOUT_MS || 10000);
  out(`server: ${bin} server (in ${ws})`);
  out(`record: ${record}`);

  const child = spawn(bin, ['server'], { cwd: ws, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  // What VS Code answers to the server's own requests.
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', (p) => out(`server says: ${p.message}`));
  conn.onNotification('window/showMessage', (p) => out(`server shows: ${p.message}`));
  let published = null;
  let publications = 0;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri === uri) {
      published = p.diagnostics;
      publications += 1;
    }
  });
  conn.listen();

  let code = 0;
  const fail = (s) => {
    out(`FAIL: ${s}`);
    code = 1;
  };

  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code', version: '1.85.0' },
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: path.basename(ws) }],
    capabilities,
  });
  out(`initialize: ${init.serverInfo ? `${init.serverInfo.name} ${init.serverInfo.version}` : 'no serverInfo'}`);
  await conn.sendNotification('initialized', {});
  const started = Date.now();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version: 1, text } });
  while (published === null && Date.now() - started < timeout) await sleep(10);
  const ms = Date.now() - started;
  await sleep(300); // a later publication replaces the first

  if (published === null) {
    fail(`no textDocument/publishDiagnostics for the record within ${timeout} ms`);
  } else {
    out(`received ${published.length} diagnostic(s) in ${ms} ms (${publications} publication(s)):`);
    for (const d of published) {
      out(`  ${asFinding(d, lines)}`);
      if (d.codeDescription) out(`      docs: ${d.codeDescription.href}`);
    }
    const expectedFile = process.env.FAULTLINE_EXPECTED;
    if (expectedFile) {
      const lint = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
      const want = lint.diagnostics
        .filter((d) => path.resolve(ws, d.file) === record)
        .map((d) => [d.rule, d.severity, d.line, d.column, d.end_line, d.end_column,
          d.help ? `${d.message}\nhelp: ${d.help}` : d.message].join('|'))
        .sort();
      const have = published.map((d) => asFinding(d, lines)).sort();
      if (JSON.stringify(want) === JSON.stringify(have)) {
        out(`same findings as \`faultline lint --format json\` for the record (${want.length})`);
      } else {
        fail(`the diagnostics differ from faultline lint's findings:\n  want ${want.join('\n       ')}\n  have ${have.join('\n       ')}`);
      }
    } else if (published.length === 0) {
      fail('the server published no diagnostics for the record');
    }
  }

  if (published && published.length > 0) {
    const d = published[0];
    // Completion with the cursor just before the reference's closing quote.
    const at = { line: d.range.end.line, character: Math.max(d.range.end.character - 1, d.range.start.character) };
    const list = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: at, context: { triggerKind: 1 } });
    const items = Array.isArray(list) ? list : (list && list.items) || [];
    out(`completion at ${at.line + 1}:${at.character + 1}: ${items.length} item(s)${list && list.isIncomplete ? ' (incomplete)' : ''}, first: ${items.slice(0, 5).map((i) => i.label).join(', ')}`);
    if (items.length === 0) fail('no completion items at a reference');
    for (const i of items) {
      const range = (i.textEdit && (i.textEdit.range || i.textEdit.replace)) || (list.itemDefaults && list.itemDefaults.editRange
        && (list.itemDefaults.editRange.start ? list.itemDefaults.editRange : list.itemDefaults.editRange.replace));
      if (range && (range.start.line !== at.line || range.start.character > at.character || range.end.character < at.character)) {
        fail(`completion item ${i.label} replaces ${JSON.stringify(range)}, which does not hold the cursor`);
        break;
      }
    }
    const actions = await conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: undefined, triggerKind: 1 },
    });
    out(`code actions for ${d.code}: ${(actions || []).map((a) => a.title).join('; ') || 'none'}`);
    if (!actions || actions.length === 0) fail('no code action for a diagnostic');
  }

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  const { code: status, signal } = await Promise.race([exited, sleep(5000).then(() => ({ code: null, signal: 'timeout' }))]);
  out(`server exited: code ${status}, signal ${signal}`);
  if (status !== 0) fail('the server did not exit with 0 after shutdown and exit');
  conn.dispose();
  if (status === null) child.kill();
  out(code === 0 ? 'OK' : 'FAILED');
  return code;
}

main().then((c) => process.exit(c), (e) => {
  out(`FAIL: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
