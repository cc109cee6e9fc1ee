import type { NodeKind, OrgNode } from '@shared/model/org';
import type { ProgrammeStore } from '../domain/programmes/port';
import type { SchemeStore } from '../domain/schemes/port';
import type { Round, RoundStatus } from '@shared/model/round';
import type { MisconductRecord, VoidedBallot } from '@shared/publication/snapshot';
import type { RectificationTask } from '@shared/rectification/task';
import type { Representative } from '@shared/model/representative';
import type { DrawRecord } from '@shared/draw';
import type { Hearing } from '@shared/api/panels';
import type { OfficeAuditEntry } from '@shared/api/audit';
import type { FlagKind } from '@shared/api/flags';
import type { VersionStore } from '../domain/tally-cache/port';
import type { DisclosureStore } from '../domain/disclosure/port';
import type { PaperStore } from '../domain/paper/port';

/** What use cases need from storage; adapters/dynamodb implements it, nothing else does. */
export interface OrgStore {
  /** Fails with ALREADY_EXISTS when any id exists; writes all or (for > 100 nodes) in checked batches. */
  createNodes(nodes: OrgNode[]): Promise<void>;
  getNode(id: string): Promise<OrgNode | undefined>;
  getNodes(ids: string[]): Promise<Map<string, OrgNode>>;
  /** Every node: office imports and recounts only, never a public read (docs/security.md, public reads). */
  listNodes(): Promise<OrgNode[]>;
  /** Up to `limit` nodes (of one kind, or any) in id order after `afterId`; `lastId` when more may follow. */
  pageNodes(q: { kind?: NodeKind; limit: number; afterId?: string }): Promise<{ nodes: OrgNode[]; lastId?: string }>;
  /** Only the nodes of one level (a round's targets) — a section round need not read every window. */
  listNodesOfKind(kind: NodeKind): Promise<OrgNode[]>;
  /** Window QR version and revocation live on their own item so rotating never rewrites the node. */
  getQrState(windowId: string): Promise<QrState | undefined>;
  /** Bumps the version (rotating invalidates every earlier QR) and clears revocation. */
  rotateQr(windowId: string): Promise<QrState>;
  revokeQr(windowId: string): Promise<void>;
}

export interface QrState {
  windowId: string;
  version: number;
  revoked: boolean;
}

export interface RoundStore {
  createRound(round: Round): Promise<void>;
  getRound(id: string): Promise<Round | undefined>;
  listRounds(): Promise<Round[]>;
  /** Conditional on the current status, so two supervisors racing cannot both transition. */
  transitionRound(id: string, from: RoundStatus, patch: Partial<Round> & { status: RoundStatus }): Promise<Round>;
  setSampling(id: string, version: number, revoked: boolean): Promise<Round>;
}

export interface StoredInvitation {
  invitationId: string;
  roundId: string;
  memberId: string;
  targetIds?: string[];
  expiresAt: string;
  revoked: boolean;
  createdAt: string;
  /** `hearing` invitations are a representative's sheet for a hearing; absent means `directed`. */
  channel?: 'directed' | 'hearing';
  hearingId?: string;
  /** Targets already rated with this invitation (added in the ballot's own transaction). */
  answered?: string[];
  remindedAt?: string;
}

export interface InvitationStore {
  createInvitations(invitations: StoredInvitation[]): Promise<void>;
  getInvitation(id: string): Promise<StoredInvitation | undefined>;
  revokeInvitation(id: string): Promise<void>;
  /** Every invitation of a round (the GSI on round × member), for return rates and reminders. */
  listInvitations(roundId: string): Promise<StoredInvitation[]>;
  /** Stamps the reminder once: false when an earlier call already reminded this invitation. */
  markReminded(id: string, at: string): Promise<boolean>;
}

export type { BallotFence, BallotStore, BallotWrite, BallotWriteResult, RateCounter, StaffComment } from '../domain/ballots/port';
import type { BallotStore } from '../domain/ballots/port';

export type { TargetInputs, TargetInputStore } from '../domain/target-inputs/port';
import type { TargetInputStore } from '../domain/target-inputs/port';

/** A voided ballot as stored: the public record plus the tally cells it no longer counts in. */
export interface StoredVoid extends VoidedBallot {
  cells: Array<[string, string]>;
}

/** One line of a round's append-only audit log (void, misconduct, publish, correction …). */
export interface AuditEntry {
  entryId: string;
  roundId: string;
  at: string;
  actor: string;
  action: 'void_ballot' | 'record_misconduct' | 'publish' | 'publish_correction' | 'flag_decision' | 'set_target_input' | 'correct_target_input' | 'paper_resolve' | 'paper_late' | 'paper_backdated';
  reason: string;
  details: Record<string, unknown>;
}

/**
 * Supervisor review of a closed round. There is no update or delete: a void or a misconduct
 * record is written once, together with its audit line, in one transaction.
 */
export interface ReviewStore {
  /** BALLOT_ALREADY_VOIDED when the ballot has a void already. */
  putVoid(roundId: string, v: StoredVoid, audit: AuditEntry): Promise<void>;
  listVoids(roundId: string): Promise<StoredVoid[]>;
  putMisconduct(roundId: string, m: MisconductRecord, audit: AuditEntry): Promise<void>;
  listMisconduct(roundId: string): Promise<MisconductRecord[]>;
  listAudit(roundId: string): Promise<AuditEntry[]>;
  /** FLAG_ALREADY_DECIDED when the flag has a decision already (a decision is never replaced). */
  putFlagDecision(roundId: string, d: FlagDecision, audit: AuditEntry): Promise<void>;
  listFlagDecisions(roundId: string): Promise<FlagDecision[]>;
}

/**
 * What a stuffing flag is about (domain/stuffing/detectors.ts): which ballots, where, when, why
 * in words. A decision keeps a copy: the evidence as the supervisor saw it.
 */
export interface FlagEvidence {
  /** Stable: the kind and what the flag is about, hashed (the same log gives the same id). */
  flagId: string;
  kind: FlagKind;
  ballotIds: string[];
  /** The windows (window ballots) or targets of the flagged ballots, distinct, sorted. */
  places: string[];
  from: string;
  to: string;
  /** Why, in Chinese, for the review page (never naming an evaluator). */
  detail: string;
  /** same_comment: the normalised text the ballots share. */
  comment?: string;
}

/** A supervisor's decision on a flag: `exclude` voids each of its ballots with the reason; `keep` changes no count. */
export interface FlagDecision extends FlagEvidence {
  decision: 'exclude' | 'keep';
  reason: string;
  decidedAt: string;
  decidedBy: string;
}

/** A publication as stored: the canonical snapshot bytes and their sha256. */
export interface StoredPublication {
  roundId: string;
  version: number;
  hash: string;
  publishedAt: string;
  reason?: string;
  /** Canonical JSON of the snapshot; sha256(body) = hash. */
  body: string;
}

export interface PublicationStore {
  /**
   * Writes version `p.version` (conditional: that version must not exist) together with the
   * round's move to `published` (conditional on `fromStatus`) and its audit line, in one
   * transaction: two supervisors publishing at once get one version and one PUBLICATION_CONFLICT.
   */
  publish(p: StoredPublication, fromStatus: RoundStatus, audit: AuditEntry): Promise<void>;
  get(roundId: string, version: number): Promise<StoredPublication | undefined>;
  latest(roundId: string): Promise<StoredPublication | undefined>;
  /** Summaries of every version, oldest first (bodies not read). */
  list(roundId: string): Promise<Array<Omit<StoredPublication, 'body'>>>;
  /**
   * Stores a version's ballot tree: the sorted leaves in blocks of `blockSize` and the block
   * roots. Written before the version's transaction (a version that then loses the race leaves
   * blocks no publication points at; the winner's are the same leaves, as the round is closed).
   */
  putBallotTree(roundId: string, version: number, tree: StoredBallotTree): Promise<void>;
  /** The block that would hold `digest` (the last whose first leaf ≤ digest), with the roots; undefined when the version has no tree. */
  ballotTreeBlock(roundId: string, version: number, digest: string): Promise<{ block?: BallotTreeBlock; roots: string[]; blockSize: number; size: number } | undefined>;
  /** Blocks `from` … `to` (indexes, inclusive) of a version's tree, in leaf order, with the tree's size; undefined when the version has no tree. */
  ballotTreeBlocks(roundId: string, version: number, from: number, to: number): Promise<{ blocks: BallotTreeBlock[]; blockSize: number; size: number } | undefined>;
}

/** A run of consecutive leaves of a published ballot tree, with the ballots they are. */
export interface BallotTreeBlock {
  index: number;
  leaves: string[];
  ballotIds: string[];
  /**
   * Each leaf's ballot's receipt time: with the ballot id it is the ballot's key, so the public
   * log can read a page of leaves without reading the round. Server-side only (never answered);
   * absent in blocks stored before the log was paged by leaf.
   */
  receivedAt?: string[];
}

export interface StoredBallotTree {
  blockSize: number;
  size: number;
  roots: string[];
  blocks: BallotTreeBlock[];
}

export interface TaskStore {
  /** Conditional on the id being new; returns false when it exists (idempotent task creation). */
  createTask(task: RectificationTask): Promise<boolean>;
  getTask(taskId: string): Promise<RectificationTask | undefined>;
  /** Conditional on `expectedRevision`: a concurrent edit fails with TASK_STATE_CONFLICT. */
  replaceTask(task: RectificationTask, expectedRevision: number): Promise<void>;
  listTasks(filter: { unitId?: string }): Promise<RectificationTask[]>;
}

/** The 评议代表库. Imports replace members by id (the library is maintained by re-import). */
export interface RepresentativeStore {
  putRepresentatives(representatives: Representative[]): Promise<{ created: number; updated: number }>;
  listRepresentatives(): Promise<Representative[]>;
}

/** A draw as stored: the record without its pool (kept in chunks beside it), plus bookkeeping. */
export type StoredDraw = Omit<DrawRecord, 'pool'> & { poolSize: number; createdBy: string; invitedAt?: string };

export interface DrawStore {
  /** Writes the pool, the record and a `committed` log entry; ALREADY_EXISTS when the id is taken. */
  createDraw(record: DrawRecord, by: string): Promise<void>;
  getDraw(id: string): Promise<StoredDraw | undefined>;
  /** The full record with its pool: what `npm run verify-draw` reads. */
  getDrawRecord(id: string): Promise<DrawRecord | undefined>;
  /** committed → drawn/failed, conditional on `committed` (a draw runs once), with its log entry. */
  completeDraw(id: string, outcome: Pick<DrawRecord, 'status' | 'reveals' | 'seed' | 'selection' | 'shortfall' | 'drawnAt'>, by: string): Promise<void>;
  /** Once per draw, conditional on `drawn` and not invited yet; false otherwise. */
  markInvited(id: string, at: string, by: string): Promise<boolean>;
  /** Every event of every draw of a round, oldest first: redraws cannot be hidden. */
  drawLog(roundId: string): Promise<Array<{ at: string; drawId: string; event: 'committed' | 'drawn' | 'failed' | 'invited'; by: string; poolHash: string; seed?: string }>>;
}

export interface HearingStore {
  /** Fails with ALREADY_EXISTS when the id is taken in the round. */
  createHearing(hearing: Hearing): Promise<void>;
  getHearing(roundId: string, id: string): Promise<Hearing | undefined>;
  listHearings(roundId: string): Promise<Hearing[]>;
}

/** An office account: staff of one unit, the supervising office, monitor points, inspectors, admins. */
export interface StaffAccount {
  accountId: string;
  name: string;
  role: 'staff' | 'supervisor' | 'admin' | 'monitor' | 'inspector';
  unitId?: string;
  createdAt: string;
}

export interface AccountStore {
  /** Creates the account and its one-time binding code (stored hashed, expiring). */
  createAccount(account: StaffAccount, bindCodeHash: string, bindExpiresAt: string): Promise<void>;
  /**
   * Binds a WeChat pseudonym to the account the code belongs to and burns the code, atomically;
   * undefined when the code is unknown, used or expired.
   */
  bind(bindCodeHash: string, pseudonym: string, now: string): Promise<StaffAccount | undefined>;
  accountFor(pseudonym: string): Promise<StaffAccount | undefined>;
}

/**
 * The office audit log: one entry per office request (audit-trail.ts). Append only — the
 * adapter's write is conditional on the key being new and there is no update or delete.
 */
export interface OfficeAuditLog {
  /** AUDIT_ENTRY_EXISTS when an entry with this time and id is already stored. */
  append(entry: OfficeAuditEntry): Promise<void>;
  /** Newest first; `before` is the cursor of the previous page. */
  list(limit: number, before?: string): Promise<{ entries: OfficeAuditEntry[]; next?: string }>;
}

export interface Store {
  officeAudit: OfficeAuditLog;
  programmes: ProgrammeStore;
  schemes: SchemeStore;
  review: ReviewStore;
  publications: PublicationStore;
  tasks: TaskStore;
  org: OrgStore;
  accounts: AccountStore;
  targetInputs: TargetInputStore;
  rounds: RoundStore;
  invitations: InvitationStore;
  ballots: BallotStore;
  representatives: RepresentativeStore;
  draws: DrawStore;
  hearings: HearingStore;
  recipients: RecipientStore;
  /** What staff were last shown of an open round (domain/disclosure/port.ts). */
  disclosure: DisclosureStore;
  /** Printed serials, forms issued, paper returns keyed twice (domain/paper/port.ts). */
  paper: PaperStore;
  /** Tally and org versions, for cached results (domain/tally-cache/port.ts). */
  versions: VersionStore;
}

/** Time and randomness are ports so tests can pin them. */
export interface Clock {
  now(): Date;
}
export interface IdSource {
  uuid(): string;
  /** Short public id (receipt numbers), Crockford base32. */
  shortId(length: number): string;
}

/** WeChat's code2Session (or the local stand-in): a code becomes an openid, nothing more leaves. */
export interface WechatIdentity {
  code2Session(code: string): Promise<{ openid: string }>;
}

/**
 * Evidence files of rectification tasks. Production: S3 presigned PUT (the phone uploads
 * straight to the bucket); local and tests: a folder behind a signed upload URL on our own API.
 * Every upload link is single-use: each upload has its own key, and storage refuses a second
 * write to a key (S3 `If-None-Match: *`, the local folder's no-replace link), so the object a
 * confirmation hashed is the object every later download serves.
 */
export interface EvidenceStorage {
  /** A URL the client PUTs the bytes to; relative URLs are on our API's origin. */
  presignUpload(input: { key: string; contentType: string; maxBytes: number }): Promise<{ url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string }>;
  /** Size and type of a stored object, or undefined when nothing was uploaded under the key. */
  stat(key: string): Promise<{ size: number; contentType?: string } | undefined>;
  /** SHA-256 (hex) of a stored object's bytes, read once at confirmation (after the size check). */
  sha256(key: string): Promise<string>;
  presignDownload(key: string): Promise<string>;
}

/**
 * A WeChat subscription message (订阅消息): template, the mini-program page it opens, its fields.
 * The local implementation appends to an outbox table the tests and `npm start` read.
 */
export interface SubscriptionMessage {
  messageId: string;
  /**
   * Who receives it: the panel member for `invitation` / `reminder`; for
   * `rectification_deadline` the unit id, whose subscribed staff get it.
   */
  memberId: string;
  template: 'invitation' | 'reminder' | 'rectification_deadline';
  page: string;
  data: Record<string, string>;
  sentAt: string;
}

export type MessageTemplate = SubscriptionMessage['template'];

export interface SubscriptionMessenger {
  send(message: SubscriptionMessage): Promise<void>;
  /** Sends unless a message with this id was sent before (false then): jobs that may run twice. */
  sendOnce(message: SubscriptionMessage): Promise<boolean>;
  /** The newest messages sent (oldest of them first), with each one's delivery outcomes (the office's outbox view). */
  list(): Promise<LoggedMessage[]>;
}

/** What happened when one recipient was sent one message (no openid: the log is read by offices). */
export interface DeliveryRecord {
  /** The recipient's slot: `member` for a panel member, the account id for a unit's staff. */
  recipient: string;
  status: DeliveryOutcome['status'] | 'not_subscribed';
  errcode?: number;
}

export interface LoggedMessage extends SubscriptionMessage {
  /** Absent until delivery was tried; empty when nobody is bound to receive it. */
  deliveries?: DeliveryRecord[];
}

/**
 * The record of every subscription message: the outbox items in the table. It is also what makes
 * `sendOnce` once (a conditional marker written with the message).
 */
export interface MessageLog {
  record(message: SubscriptionMessage): Promise<void>;
  /** false when a message with this id was recorded before. */
  recordOnce(message: SubscriptionMessage): Promise<boolean>;
  markDelivered(message: SubscriptionMessage, deliveries: DeliveryRecord[]): Promise<void>;
  list(): Promise<LoggedMessage[]>;
}

/**
 * Someone who can receive subscription messages: the openid WeChat addresses them by, and the
 * templates they accepted in wx.requestSubscribeMessage. `memberId` is what messages name — a
 * panel member's id, or a unit id for its staff (one slot per staff account).
 */
export interface Recipient {
  memberId: string;
  slot: string;
  openid: string;
  templates: MessageTemplate[];
  boundAt: string;
}

export interface RecipientStore {
  /** Adds or replaces the slot's binding (a new phone, a changed consent). */
  put(recipient: Recipient): Promise<void>;
  list(memberId: string): Promise<Recipient[]>;
}

/** One subscribeMessage.send call, as WeChat takes it. */
export interface WechatMessage {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
}

/**
 * `sent`; `refused` when WeChat says the user holds no subscription for the template (43101:
 * never accepted, or withdrew it in settings); `failed` for anything else (errcode when WeChat
 * gave one; a network failure has none).
 */
export type DeliveryOutcome = { status: 'sent' } | { status: 'refused'; errcode: number } | { status: 'failed'; errcode?: number };

/** WeChat's subscribeMessage.send (or the local stand-in). Never throws: the outcome says it. */
export interface SubscribeMessageSender {
  deliver(message: WechatMessage): Promise<DeliveryOutcome>;
}

/**
 * The picture printed on a window's poster. In production WeChat's wxacode.getUnlimited draws a
 * mini-program code that opens `page` with `scene`; locally a plain QR of the H5 link stands in.
 */
export interface MiniProgramCode {
  png(input: { scene: string; page: string; h5Url: string }): Promise<Buffer>;
}
