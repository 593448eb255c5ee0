#!/usr/bin/env node
// The independent GraphQL-over-HTTP conformance audit (npm graphql-http's serverAudits) against a running service.
//
//   node .ci/graphql-http-audit.mjs [URL] [--modules DIR] [--json]
//
// URL defaults to http://127.0.0.1:8080/graphql. graphql-http is loaded from DIR/node_modules (default
// api/target/graphql-http-audit, a build folder git ignores) and installed there with npm when missing, at the
// version pinned below, so the repository carries no node_modules. Prints one line per audit (ok / notice / warn /
// error with the reason); exits 1 when any MUST (error) or SHOULD (warn) audit fails, 2 when the audit cannot run.
// MAY audits that fail are notices and do not fail the run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const GRAPHQL_HTTP_VERSION = '1.23.1';
const here = dirname(fileURLToPath(import.meta.url));

const args = process.argv.slice(2);
const json = args.includes('--json');
const modulesAt = args.indexOf('--modules');
const modulesDir = resolve(modulesAt >= 0 ? args[modulesAt + 1] : join(here, '..', 'api', 'target', 'graphql-http-audit'));
const url = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--modules') ?? 'http://127.0.0.1:8080/graphql';

async function loadGraphqlHttp() {
  const require = createRequire(join(modulesDir, 'package.json'));
  let entry;
  try {
    entry = require.resolve('graphql-http');
  } catch {
    mkdirSync(modulesDir, { recursive: true });
    if (!existsSync(join(modulesDir, 'package.json'))) {
      execFileSync('npm', ['init', '-y'], { cwd: modulesDir, stdio: 'ignore' });
    }
    console.error(`graphql-http-audit: installing graphql-http@${GRAPHQL_HTTP_VERSION} into ${modulesDir}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', `graphql-http@${GRAPHQL_HTTP_VERSION}`, 'graphql@16'],
      { cwd: modulesDir, stdio: ['ignore', 'ignore', 'inherit'] });
    entry = require.resolve('graphql-http');
  }
  return import(pathToFileURL(entry).href);
}

let graphqlHttp;
try {
  graphqlHttp = await loadGraphqlHttp();
} catch (e) {
  console.error(`graphql-http-audit: cannot load graphql-http (${e.message})`);
  process.exit(2);
}

let results;
try {
  results = await graphqlHttp.auditServer({ url });
} catch (e) {
  console.error(`graphql-http-audit: the audit could not run against ${url}: ${e.message}`);
  process.exit(2);
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
const report = [];
for (const r of results) {
  counts[r.status]++;
  const entry = { id: r.id, name: r.name, status: r.status };
  if (r.status !== 'ok') {
    entry.reason = r.reason;
    entry.httpStatus = r.response?.status;
    entry.contentType = r.response?.headers?.get('content-type');
  }
  report.push(entry);
}
if (json) {
  console.log(JSON.stringify({ url, graphqlHttp: GRAPHQL_HTTP_VERSION, counts, results: report }, null, 2));
} else {
  for (const e of report) {
    console.log(`${e.status.padEnd(6)} ${e.id} ${e.name}${e.reason ? `\n         ${e.reason} (HTTP ${e.httpStatus}, ${e.contentType})` : ''}`);
  }
  console.log(`graphql-http ${GRAPHQL_HTTP_VERSION} audit of ${url}: ${counts.ok} ok, ${counts.notice} notice (MAY), `
    + `${counts.warn} warn (SHOULD), ${counts.error} error (MUST)`);
}
process.exit(counts.error + counts.warn > 0 ? 1 : 0);
