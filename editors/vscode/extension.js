// A minimal client: starts `faultline server` for TOML files and lets it do the rest.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate() {
  const command = vscode.workspace.getConfiguration('faultline').get('path') || 'faultline';
  client = new LanguageClient(
    'faultline',
    'faultline',
    { command, args: ['server'] },
    {
      documentSelector: [{ scheme: 'file', language: 'toml' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.toml') },
    },
  );
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
