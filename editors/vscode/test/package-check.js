// Reads back the .vsix that `npm run package` wrote and checks what VS Code
// will install: the manifest fields the extension relies on, the files they
// name, the runtime dependencies (all of them, and nothing else from
// node_modules), and no tests or development files.
//
// `npm run check-package [-- FILE.vsix]`; the default is NAME-VERSION.vsix here.
'use strict';

const fs = require('fs');
const path = require('path');
const yauzl = require('yauzl');

const root = path.join(__dirname, '..');
const source = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.resolve(process.argv[2] || path.join(root, `${source.name}-${source.version}.vsix`));

// The extension's own files in the package; anything else outside node_modules
// is a development file that .vscodeignore should have kept out.
const ownFiles = [
  'package.json',
  'readme.md',
  'extension.js',
  'server.js',
  'language-configuration.json',
  'syntaxes/ybc.tmLanguage.json',
];
// What vsce adds around the extension folder.
const vsixFiles = ['[Content_Types].xml', 'extension.vsixmanifest'];

/** The entries of the zip file at `file`: Map of name → contents (Buffer). */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) {
        reject(error);
        return;
      }
      const entries = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) {
            reject(streamError);
            return;
          }
          const chunks = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * The runtime dependencies as installed: Map of folder (relative to `root`,
 * `node_modules/...`) → package name, found the way Node resolves them.
 */
function runtimeDependencies() {
  const found = new Map();
  const visit = (folder, manifest) => {
    const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
    for (const name of names) {
      let dir = folder;
      let installed;
      for (;;) {
        const candidate = path.join(dir, 'node_modules', name);
        if (path.basename(dir) !== 'node_modules' && fs.existsSync(path.join(candidate, 'package.json'))) {
          installed = candidate;
          break;
        }
        if (dir === root) {
          break;
        }
        dir = path.dirname(dir);
      }
      if (!installed) {
        if (name in (manifest.dependencies || {})) {
          throw new Error(`${name} (needed by ${manifest.name}) is not installed: run \`npm ci\` first`);
        }
        continue;
      }
      const relative = path.relative(root, installed).split(path.sep).join('/');
      if (!found.has(relative)) {
        found.set(relative, name);
        visit(installed, JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')));
      }
    }
  };
  visit(root, source);
  return found;
}

/** The code and data files of the package in `dir` (not its own node_modules). */
function codeFiles(dir) {
  const files = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') {
          walk(relative);
        }
      } else if (/\.(js|cjs|mjs|json)$/.test(entry.name) && !/^eslint\.config\./.test(entry.name)) {
        files.push(relative);
      }
    }
  };
  walk('');
  return files;
}

async function main() {
  const entries = await readZip(vsix);
  const names = [...entries.keys()];
  const has = (name) => entries.has(`extension/${name}`);
  const problems = [];
  const expect = (ok, message) => {
    if (!ok) {
      problems.push(message);
    }
  };

  // The manifest VS Code reads.
  const manifestEntry = entries.get('extension/package.json');
  if (!manifestEntry) {
    throw new Error(`${vsix} holds no extension/package.json`);
  }
  const manifest = JSON.parse(manifestEntry.toString('utf8'));
  expect(manifest.name === 'ybc', `name is ${JSON.stringify(manifest.name)}, not "ybc"`);
  expect(manifest.publisher === 'ybc', `publisher is ${JSON.stringify(manifest.publisher)}, not "ybc"`);
  expect(manifest.version === source.version, `version is ${manifest.version}, package.json says ${source.version}`);
  expect(manifest.main === './extension.js', `main is ${JSON.stringify(manifest.main)}, not "./extension.js"`);
  expect(
    manifest.engines && manifest.engines.vscode === source.engines.vscode,
    `engines.vscode is ${JSON.stringify(manifest.engines && manifest.engines.vscode)}, package.json says ${source.engines.vscode}`,
  );
  const contributes = manifest.contributes || {};
  const language = (contributes.languages || []).find((entry) => entry.id === 'ybc');
  expect(language && (language.extensions || []).includes('.ybc'), 'contributes.languages has no "ybc" language for .ybc files');
  const grammar = (contributes.grammars || []).find((entry) => entry.language === 'ybc');
  expect(grammar && grammar.scopeName === 'source.ybc', 'contributes.grammars has no source.ybc grammar for "ybc"');
  const settings = (contributes.configuration && contributes.configuration.properties) || {};
  for (const setting of ['ybc.path', 'ybc.catalogs']) {
    expect(setting in settings, `contributes.configuration has no ${setting} setting`);
  }
  // The files the manifest names are in the package, and the JSON ones parse.
  const named = [manifest.main, language && language.configuration, grammar && grammar.path];
  for (const file of named.filter(Boolean).map((file) => path.posix.normalize(file))) {
    expect(has(file), `the manifest names ${file}, which is not in the package`);
    if (has(file) && file.endsWith('.json')) {
      try {
        JSON.parse(entries.get(`extension/${file}`).toString('utf8'));
      } catch (error) {
        problems.push(`${file} in the package is not JSON: ${error.message}`);
      }
    }
  }

  // The extension's own files, and nothing else of this folder's.
  for (const file of ownFiles) {
    expect(has(file), `${file} is not in the package`);
  }
  for (const name of names) {
    const inside = name.startsWith('extension/') ? name.slice('extension/'.length) : undefined;
    if (inside === undefined) {
      expect(vsixFiles.includes(name), `${name} is in the package, outside extension/`);
    } else if (!inside.startsWith('node_modules/')) {
      expect(ownFiles.includes(inside), `${inside} is in the package: add it to .vscodeignore, or to ownFiles here if VS Code needs it`);
    }
  }

  // The runtime dependencies with all their code, and no other package.
  const dependencies = runtimeDependencies();
  expect([...dependencies.values()].includes('vscode-languageclient'), 'vscode-languageclient is not a dependency');
  for (const [folder, name] of dependencies) {
    const files = codeFiles(path.join(root, folder));
    const missing = files.filter((file) => !has(`${folder}/${file}`));
    if (missing.length === files.length) {
      problems.push(`${folder} (the runtime dependency ${name}) is not in the package`);
    } else if (missing.length > 0) {
      const more = missing.length > 3 ? ` and ${missing.length - 3} more` : '';
      problems.push(`${folder} (the runtime dependency ${name}) lacks ${missing.slice(0, 3).join(', ')}${more}`);
    }
  }
  // Every file from node_modules belongs to one of them.
  const packaged = new Set(
    names
      .map((name) => name.match(/^extension\/((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)+)/))
      .filter(Boolean)
      .map((match) => match[1].slice(0, -1)),
  );
  for (const folder of packaged) {
    expect(dependencies.has(folder), `${folder} is in the package but is not a runtime dependency`);
  }

  // No tests: this folder's or any dependency's.
  for (const name of names) {
    expect(
      !/(^|\/)(test|tests|__tests__)\//.test(name) && !/\.(test|spec)\.[cm]?js$/.test(name) && !name.endsWith('.ybc'),
      `${name} is a test file`,
    );
  }

  const bytes = fs.statSync(vsix).size;
  if (problems.length > 0) {
    console.error(`${path.basename(vsix)}: ${problems.length} problem(s):`);
    for (const problem of problems) {
      console.error(`  - ${problem}`);
    }
    process.exitCode = 1;
    return;
  }
  console.log(
    `${path.basename(vsix)}: ${names.length} files, ${(bytes / 1024).toFixed(1)} KB (${bytes} bytes); ` +
      `${dependencies.size} runtime packages; manifest and file list as expected`,
  );
}

main().catch((error) => {
  console.error(`${path.basename(vsix)}: ${error.message}`);
  process.exitCode = 1;
});
