import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { runLoadFaults, type LoadFaultsReport } from '../support/load-faults/scenario';

/**
 * The load test's audit on a small run, with one stored ballot removed behind its back: the
 * problem it reports must not only count the lost ballot but tell its story — the slot's sends
 * and answers, the server's lookups and writes for it, the TransactWriteItems and its HTTP
 * attempts, which of the write's items exist now, and the fault/restart timeline around it.
 * (A lost ballot in a 10,000-ballot run was once reported as one bare line; see
 * tests/support/durable-acks.ts for what it turned out to be.)
 */
let report: LoadFaultsReport;
let removed: { receiptId: string; ballotId: string };

beforeAll(async () => {
  report = await runLoadFaults({
    ballots: 120,
    evaluators: 12,
    targets: 12,
    clients: 6,
    shards: 2,
    schedule: [
      { at: 0.2, kind: 'lost-answer', command: 'TransactWriteItemsCommand', times: 3 },
      { at: 0.5, kind: 'restart' },
    ],
    beforeAudit: async (db, tableName) => {
      const page = await db.send(new ScanCommand({ TableName: tableName, FilterExpression: 'entity = :b', ExpressionAttributeValues: { ':b': 'ballot' }, ConsistentRead: true }));
      // A ballot accepted a little before the restart (scheduled half-way through the sends, by
      // receipt time 40 % in): its story includes the kill however slowly a loaded machine runs the
      // scenario (the first scanned ballot could lie minutes before it, outside the ±15 s
      // timeline), and it is not one of the writes the kill itself interrupted.
      const byTime = [...page.Items!].sort((a, b) => String(a.receivedAt).localeCompare(String(b.receivedAt)));
      const victim = byTime[Math.floor(byTime.length * 0.4)]!;
      removed = { receiptId: String(victim.receiptId), ballotId: String(victim.ballotId) };
      await db.send(new DeleteCommand({ TableName: tableName, Key: { PK: victim.PK, SK: victim.SK } }));
    },
  });
}, 300_000);

it('explains a receipt whose ballot is gone: sends, server writes, items, timeline', () => {
  const line = report.audit.problems.find((p) => p.startsWith(`receipt ${removed.receiptId} was given but no such ballot is stored`));
  expect(line).toBeDefined();
  const text = line!;
  expect(text).toMatch(/\n {2}send \d+ original clientBallotId \S+: 20[01] receipt /);
  expect(text).toMatch(/\n {4}IDEM [0-9a-f]{12}…: present \(receipt [0-9A-Z]+\)/);
  // No findReceipt line is required: an accepted ballot makes none (a retry's receipt comes back
  // in its transaction's cancellation); the audit lists lookups only for refused sends.
  expect(text).toContain(`ballot ${removed.ballotId}`);
  expect(text).toMatch(new RegExp(`writeBallot [\\d.]+–[\\d.]+ receipt ${removed.receiptId} ballot ${removed.ballotId} shard \\d: accepted`));
  expect(text).toMatch(/now: DEDUP present, BALLOT absent/);
  expect(text).toMatch(/TransactWriteItems [\d.]+–[\d.]+ token [0-9a-f]{12}…: ok \(sdk attempts \d\)/);
  expect(text).toMatch(/\n {8}http [\d.]+–[\d.]+: 200/);
  expect(text).toMatch(/\n {2}timeline -?[\d.]+–[\d.]+:\n/);
  expect(text).toMatch(/SIGKILL JVM pid \d+/);
  // The removal shows up where it must, and nowhere is the ballot said to be stored.
  expect(report.audit.storedBallots).toBe(119);
});
