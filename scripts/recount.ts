/**
 * `npm run recount -- --round <id>`: recomputes every tally of a round from the raw ballots
 * and exits 1 on any mismatch with the stored aggregates (the audit tool).
 * The store: DYNAMODB_ENDPOINT / TABLE_NAME / AWS_REGION when set (real AWS when no endpoint);
 * otherwise the running `npm start` (its endpoint is in .data/endpoint); otherwise DynamoDB
 * Local started on .data/ for the duration.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDocumentClient, storeConfigFromEnv } from '../functions/src/adapters/dynamodb/client';
import { buildDeps, randomSecrets } from '../functions/src/config/deps';
import { recount } from '../functions/src/domain/recount';
import { startDynamoDbLocal, type DynamoDbLocal } from '../functions/src/local/dynamodb-local';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const roundId = args[args.indexOf('--round') + 1];
  if (!args.includes('--round') || !roundId) {
    console.error('usage: npm run recount -- --round <roundId>');
    return 2;
  }
  const root = resolve(__dirname, '..');
  const config = storeConfigFromEnv();
  let local: DynamoDbLocal | undefined;
  if (!config.endpoint && !process.env.AWS_REGION) {
    const file = join(root, '.data', 'endpoint');
    if (existsSync(file)) config.endpoint = readFileSync(file, 'utf8').trim();
    else {
      local = await startDynamoDbLocal({ dbPath: join(root, '.data', 'dynamodb') });
      config.endpoint = local.endpoint;
    }
  }
  const db = createDocumentClient(config);
  try {
    const deps = buildDeps(db, config.tableName, randomSecrets(), process.env);
    const report = await recount(deps, roundId);
    console.log(JSON.stringify(report, null, 2));
    if (report.mismatches.length > 0 || report.ballots !== report.tallied) {
      console.error(`MISMATCH: ${report.mismatches.length} cell(s) differ; ${report.ballots} ballots stored, ${report.tallied} tallied`);
      return 1;
    }
    if (report.voidMismatches.length > 0) {
      console.error(`VOID MISMATCH: ${report.voidMismatches.length} void record(s) do not match their ballots`);
      return 1;
    }
    console.log(`OK: ${report.ballots} ballots, every tally reproduced; ${report.voided} voided (results subtract them, counters untouched)`);
    return 0;
  } finally {
    db.destroy();
    await local?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
    process.exit(2);
  },
);
