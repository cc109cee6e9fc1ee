/**
 * Key layout of the single table. One function per entity so no other file spells a key.
 *
 * | entity            | PK                                        | SK                       |
 * |-------------------|-------------------------------------------|--------------------------|
 * | org node          | ORG                                       | NODE#<id>  (GSI1: ORGKIND#<kind> / <id>) |
 * | window QR state   | QR#<windowId>                             | QR                       |
 * | round             | ROUND                                     | ROUND#<id>               |
 * | programme         | PROGRAMME                                 | PROGRAMME#<id>           |
 * | target link       | PROGLINK#<programmeId>                    | <at>#<linkId>            |
 * | scheme head       | SCHEME                                    | SCHEME#<schemeId>        |
 * | scheme version    | SCHEMEV#<schemeId>                        | V#<version, 6 digits>    |
 * | invitation        | INV#<id>                                  | INV  (GSI1: ROUNDINV#<round> / <member>) |
 * | idempotency       | IDEM#<hash(evaluator, clientBallotId)>    | IDEM                     |
 * | dedupe            | DEDUP#<round>#<target|window>#<evaluator>#<period> | DEDUP           |
 * | ballot            | BALLOT#<round>#<shard>                    | <receivedAt>#<ballotId>  |
 * | tally shard       | TALLY#<round>#<shard>                     | <targetId>#<channel>     |
 * | target input field| INPUTS#<round>                            | <targetId>#<field>       |
 * | voided ballot     | VOID#<round>                              | <ballotId>               |
 * | misconduct record | MISCONDUCT#<round>                        | <recordId>               |
 * | audit line        | AUDIT#<round>                             | <at>#<entryId>           |
 * | office audit entry| OFFICEAUDIT                               | <at>#<entryId>           |
 * | publication       | PUB#<round>                               | V#<version, 6 digits>    |
 * | ballot tree roots | TREE#<round>#<version>                    | ROOTS                    |
 * | ballot tree block | TREE#<round>#<version>                    | B#<first leaf digest>    |
 * | rectification task| TASKS                                     | <taskId>  (GSI1: TASKUNIT#<unit> / <taskId>) |
 * | outbox send-once  | OUTBOXONCE#<messageId>                    | ONCE                     |
 * | representative    | REP                                       | REP#<id>                 |
 * | draw              | DRAW#<id>                                 | DRAW                     |
 * | draw pool chunk   | DRAW#<id>                                 | POOL#<nonce>#<chunk>     |
 * | draw log entry    | DRAWLOG#<round>                           | <at>#<drawId>#<event>    |
 * | hearing           | HEARING#<round>                           | <hearingId>              |
 * | outbox message    | OUTBOX                                    | <sentAt>#<messageId>     |
 * | message recipient | RECIPIENT#<memberId or unitId>            | <slot>                   |
 * | office account    | ACCOUNT#<id>                              | ACCOUNT                  |
 * | binding code      | BINDCODE#<sha256(code)>                   | BINDCODE  (TTL)          |
 * | WeChat binding    | BINDING#<pseudonym>                       | BINDING                  |
 * | staff comment     | COMMENT#<round>#<targetId>                | <receivedAt>#<ballotId>  |
 * | disclosed batch   | DISCLOSE#<round>                          | <targetId>               |
 * | flag decision     | FLAGDECISION#<round>                      | <flagId>                 |
 * | rate counter      | RATE#<scope>#<hmac(subject)>#<windowStart>| RATE  (TTL)              |
 *
 * Ballots and tallies are spread over `tallyShards` partitions per round so a busy round (or a
 * busy window) never concentrates on one partition's 1,000 writes/s.
 */
const treePartition = (roundId: string, version: number) => `TREE#${roundId}#${String(version).padStart(6, '0')}`;

export const keys = {
  node: (id: string) => ({ PK: 'ORG', SK: `NODE#${id}` }),
  nodePartition: 'ORG',
  nodeKindIndex: (kind: string, id: string) => ({ GSI1PK: `ORGKIND#${kind}`, GSI1SK: id }),
  nodeKindPartition: (kind: string) => `ORGKIND#${kind}`,
  qr: (windowId: string) => ({ PK: `QR#${windowId}`, SK: 'QR' }),
  round: (id: string) => ({ PK: 'ROUND', SK: `ROUND#${id}` }),
  roundPartition: 'ROUND',
  // One partition, like rounds: a county has a handful of programmes, read together.
  programme: (id: string) => ({ PK: 'PROGRAMME', SK: `PROGRAMME#${id}` }),
  programmePartition: 'PROGRAMME',
  targetLink: (programmeId: string, at: string, linkId: string) => ({ PK: `PROGLINK#${programmeId}`, SK: `${at}#${linkId}` }),
  targetLinkPartition: (programmeId: string) => `PROGLINK#${programmeId}`,
  // Heads in one partition (a county has tens of schemes, listed together); each scheme's versions in its own.
  schemeHead: (schemeId: string) => ({ PK: 'SCHEME', SK: `SCHEME#${schemeId}` }),
  schemeHeadPartition: 'SCHEME',
  schemeVersion: (schemeId: string, version: number) => ({ PK: `SCHEMEV#${schemeId}`, SK: `V#${String(version).padStart(6, '0')}` }),
  schemeVersionPartition: (schemeId: string) => `SCHEMEV#${schemeId}`,
  invitation: (id: string) => ({ PK: `INV#${id}`, SK: 'INV' }),
  invitationIndex: (roundId: string, memberId: string) => ({ GSI1PK: `ROUNDINV#${roundId}`, GSI1SK: memberId }),
  idempotency: (key: string) => ({ PK: `IDEM#${key}`, SK: 'IDEM' }),
  dedupe: (key: string) => ({ PK: `DEDUP#${key}`, SK: 'DEDUP' }),
  ballot: (roundId: string, shard: number, receivedAt: string, ballotId: string) => ({ PK: `BALLOT#${roundId}#${shard}`, SK: `${receivedAt}#${ballotId}` }),
  ballotPartition: (roundId: string, shard: number) => `BALLOT#${roundId}#${shard}`,
  tally: (roundId: string, shard: number, targetId: string, channel: string) => ({ PK: `TALLY#${roundId}#${shard}`, SK: `${targetId}#${channel}` }),
  tallyPartition: (roundId: string, shard: number) => `TALLY#${roundId}#${shard}`,
  account: (id: string) => ({ PK: `ACCOUNT#${id}`, SK: 'ACCOUNT' }),
  bindCode: (hash: string) => ({ PK: `BINDCODE#${hash}`, SK: 'BINDCODE' }),
  binding: (pseudonym: string) => ({ PK: `BINDING#${pseudonym}`, SK: 'BINDING' }),
  comment: (roundId: string, targetId: string, receivedAt: string, ballotId: string) => ({ PK: `COMMENT#${roundId}#${targetId}`, SK: `${receivedAt}#${ballotId}` }),
  commentPartition: (roundId: string, targetId: string) => `COMMENT#${roundId}#${targetId}`,
  targetInputField: (roundId: string, targetId: string, field: string) => ({ PK: `INPUTS#${roundId}`, SK: `${targetId}#${field}` }),
  disclosure: (roundId: string, targetId: string) => ({ PK: `DISCLOSE#${roundId}`, SK: targetId }),
  disclosurePartition: (roundId: string) => `DISCLOSE#${roundId}`,
  targetInputsPartition: (roundId: string) => `INPUTS#${roundId}`,
  voided: (roundId: string, ballotId: string) => ({ PK: `VOID#${roundId}`, SK: ballotId }),
  voidedPartition: (roundId: string) => `VOID#${roundId}`,
  misconduct: (roundId: string, recordId: string) => ({ PK: `MISCONDUCT#${roundId}`, SK: recordId }),
  misconductPartition: (roundId: string) => `MISCONDUCT#${roundId}`,
  audit: (roundId: string, at: string, entryId: string) => ({ PK: `AUDIT#${roundId}`, SK: `${at}#${entryId}` }),
  auditPartition: (roundId: string) => `AUDIT#${roundId}`,
  // One partition: office requests are tens to hundreds a day, far below a partition's limits,
  // and one partition pages newest-first with a single query.
  officeAudit: (at: string, entryId: string) => ({ PK: 'OFFICEAUDIT', SK: `${at}#${entryId}` }),
  officeAuditPartition: 'OFFICEAUDIT',
  flagDecision: (roundId: string, flagId: string) => ({ PK: `FLAGDECISION#${roundId}`, SK: flagId }),
  flagDecisionPartition: (roundId: string) => `FLAGDECISION#${roundId}`,
  // One item per key per window: a new window is a new item, so no counter item stays hot.
  rateCounter: (key: string, windowStartMs: number) => ({ PK: `RATE#${key}#${windowStartMs}`, SK: 'RATE' }),
  publication: (roundId: string, version: number) => ({ PK: `PUB#${roundId}`, SK: `V#${String(version).padStart(6, '0')}` }),
  publicationPartition: (roundId: string) => `PUB#${roundId}`,
  ballotTreePartition: (roundId: string, version: number) => treePartition(roundId, version),
  ballotTreeRoots: (roundId: string, version: number) => ({ PK: treePartition(roundId, version), SK: 'ROOTS' }),
  ballotTreeBlock: (roundId: string, version: number, firstLeaf: string) => ({ PK: treePartition(roundId, version), SK: `B#${firstLeaf}` }),
  /** Range ends for "the last block whose first leaf ≤ digest". */
  ballotTreeBlockRange: (digest: string) => ({ from: 'B#', to: `B#${digest}` }),
  task: (taskId: string) => ({ PK: 'TASKS', SK: taskId }),
  taskPartition: 'TASKS',
  taskUnitIndex: (unitId: string, taskId: string) => ({ GSI1PK: `TASKUNIT#${unitId}`, GSI1SK: taskId }),
  taskUnitPartition: (unitId: string) => `TASKUNIT#${unitId}`,
  // Marks a message id as sent: a reminder job run twice sends once.
  outboxOnce: (messageId: string) => ({ PK: `OUTBOXONCE#${messageId}`, SK: 'ONCE' }),
  representative: (id: string) => ({ PK: 'REP', SK: `REP#${id}` }),
  representativePartition: 'REP',
  draw: (id: string) => ({ PK: `DRAW#${id}`, SK: 'DRAW' }),
  // The nonce ties chunks to one record: a losing concurrent create leaves orphans nobody reads.
  drawPoolChunk: (id: string, nonce: string, chunk: number) => ({ PK: `DRAW#${id}`, SK: `POOL#${nonce}#${String(chunk).padStart(4, '0')}` }),
  drawPoolPrefix: (id: string, nonce: string) => ({ PK: `DRAW#${id}`, prefix: `POOL#${nonce}#` }),
  drawLog: (roundId: string, at: string, drawId: string, event: string) => ({ PK: `DRAWLOG#${roundId}`, SK: `${at}#${drawId}#${event}` }),
  drawLogPartition: (roundId: string) => `DRAWLOG#${roundId}`,
  hearing: (roundId: string, id: string) => ({ PK: `HEARING#${roundId}`, SK: id }),
  hearingPartition: (roundId: string) => `HEARING#${roundId}`,
  outbox: (sentAt: string, messageId: string) => ({ PK: 'OUTBOX', SK: `${sentAt}#${messageId}` }),
  outboxPartition: 'OUTBOX',
  recipient: (memberId: string, slot: string) => ({ PK: `RECIPIENT#${memberId}`, SK: slot }),
  recipientPartition: (memberId: string) => `RECIPIENT#${memberId}`,
};

/** Tally cell attribute: one top-level number per (item, option) so ADD works in one update. */
export const CELL_PREFIX = 'a:';
export const cellAttribute = (item: string, option: string) => `${CELL_PREFIX}${item}:${option}`;
