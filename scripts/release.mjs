#!/usr/bin/env node
// Releases the four packages with Changesets.
//
//   npm run release                versions (changeset version: package.json, CHANGELOG.md, the
//                                  lockfile), builds, runs the package checks, and runs
//                                  `npm publish --dry-run` for each package. The version bump is
//                                  left in the tree to review and commit.
//   npm run release -- --publish   the same, then `changeset publish` (publishes the versions that
//                                  are not on the registry yet, and tags them).
//   npm run release:dry            the same as `release`, then puts back every file it changed and
//                                  checks that `git status` is what it was: CI runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGES, ROOT } from './pack-packages.mjs';

const args = new Set(process.argv.slice(2));
const dry = args.has('--dry-run');
const publish = args.has('--publish');
if (dry && publish) fail('--dry-run and --publish exclude each other');
for (const arg of args) if (arg !== '--dry-run' && arg !== '--publish') fail(`unknown option ${arg}`);

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

/** Runs one step in the repository root, its output shown; stops the release when it fails. */
function step(title, command, commandArgs) {
  process.stdout.write(`\nrelease: ${title}: ${command} ${commandArgs.join(' ')}\n`);
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${title} failed (${result.status ?? result.signal ?? result.error})`);
}

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const gitStatus = () => spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout ?? '';

/** Every file `changeset version` and the lockfile sync may write, create or delete. */
function touchedFiles() {
  const changesetDir = join(ROOT, '.changeset');
  return [
    join(ROOT, 'package-lock.json'),
    ...readdirSync(changesetDir).map((name) => join(changesetDir, name)),
    ...PACKAGES.flatMap(({ dir }) => [join(ROOT, dir, 'package.json'), join(ROOT, dir, 'CHANGELOG.md')]),
  ];
}

/** The contents of `files` now (null: absent), to put back with `restore`. */
function snapshot(files) {
  return new Map(files.map((file) => [file, existsSync(file) ? readFileSync(file) : null]));
}

function restore(saved) {
  for (const [file, content] of saved) {
    if (content === null) rmSync(file, { force: true });
    else writeFileSync(file, content);
  }
}

function pendingChangesets() {
  return readdirSync(join(ROOT, '.changeset')).filter((name) => name.endsWith('.md') && name !== 'README.md');
}

function release() {
  if (pendingChangesets().length > 0) {
    step('version', bin('changeset'), ['version']);
    // The workspaces' new versions (and internal dependency ranges) into the lockfile.
    step('lockfile', 'npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund']);
  } else {
    process.stdout.write('release: no pending changesets: releasing the versions as they are\n');
  }
  step('build', 'npm', ['run', 'build']);
  step('package checks', 'npm', ['run', 'check:packages']);
  for (const { name } of PACKAGES) step(`publish ${name} (dry run)`, 'npm', ['publish', '--dry-run', '-w', name]);
  if (publish) step('publish', bin('changeset'), ['publish']);
}

process.on('SIGINT', () => {}); // the running step gets the signal too; the restore below still runs
process.on('SIGTERM', () => {});

const statusBefore = dry ? gitStatus() : '';
const saved = dry ? snapshot(touchedFiles()) : null;
let failure = null;
try {
  release();
} catch (error) {
  failure = error;
} finally {
  if (saved) {
    // Files changeset version created (none existed before: not in the snapshot) go too.
    for (const file of touchedFiles()) if (!saved.has(file)) saved.set(file, null);
    restore(saved);
  }
}
if (failure) fail(failure.message);
if (dry) {
  const statusAfter = gitStatus();
  if (statusAfter !== statusBefore) fail(`the dry run changed the tree:\n${statusAfter}`);
  process.stdout.write('\nrelease: dry run passed; every file it changed is back as it was\n');
} else if (!publish) {
  process.stdout.write('\nrelease: versioned, built, checked, publish dry-run passed. Review and commit the version bump, then run npm run release -- --publish\n');
}
