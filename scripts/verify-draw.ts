/**
 * `npm run verify-draw -- <record.json>`: re-runs a published draw from its record alone (pool,
 * weights, commitments, reveals) and confirms the pool hash, the quotas, the seed and the
 * selection bit for bit. Exit 0: verified; 1: the record does not reproduce; 2: unreadable.
 * Needs nothing but this repository: no store, no network, no server secret.
 */
import { readFileSync } from 'node:fs';
import { DrawRecord, verifyDraw } from '../shared/draw';

function main(): number {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run verify-draw -- <record.json>   (GET /api/draws/<id>/record)');
    return 2;
  }
  let parsed;
  try {
    parsed = DrawRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  if (!parsed.success) {
    console.error(`not a draw record: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  const record = parsed.data;
  const { problems, seed } = verifyDraw(record);
  console.log(`draw ${record.drawId} (round ${record.roundId}, ${record.label}): status ${record.status}, pool ${record.pool.length}, pool hash ${record.poolHash}`);
  console.log(`quotas ${JSON.stringify(record.quotas)}; parties ${record.commitments.map((c) => c.party).join(', ')}${seed ? `; seed ${seed}` : ''}`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`MISMATCH ${p}`);
    return 1;
  }
  if (record.status === 'committed') console.log('OK: pool and quotas match the commitment; not drawn yet');
  else for (const s of record.selection ?? []) console.log(`  ${s.stratum}: ${s.ids.join(' ')}`);
  if (record.status !== 'committed') console.log(`OK: re-running the draw reproduces the published selection bit for bit${record.status === 'failed' ? ' (and its shortfall)' : ''}`);
  return 0;
}

process.exit(main());
