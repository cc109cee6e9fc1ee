import type { WorkCalendar } from '@shared/rectification/working-days';
import type { Clock, EvidenceStorage, IdSource, MiniProgramCode, Store, SubscriptionMessenger, WechatIdentity } from '../ports';
import type { Secrets } from './secrets';
import type { RateRule } from './ballots/rate-limits';
import type { TemplateIds } from './message-delivery';
import type { PresetLookup, SchemeResolver } from './schemes/resolve';

/** Everything a use case may touch, passed in (never imported), so tests can pin each part. */
export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  secrets: Secrets;
  wechat: WechatIdentity;
  /** Invitations and reminders to panel members, rectification deadline reminders to units (domain/message-delivery.ts: logged in the outbox, delivered through WeChat or its local stand-in). */
  messenger: SubscriptionMessenger;
  miniProgramCode: MiniProgramCode;
  /**
   * A round's or programme's scheme at its pinned version (`await deps.schemes(round)`): presets
   * as version 1, stored versions read once and cached (domain/schemes/resolve.ts).
   */
  schemes: SchemeResolver;
  /** The read-only preset seeds by id (shared/schemes; tests add a pipeline scheme). */
  presets: PresetLookup;
  /** Rectification evidence files (S3 in production, a local folder otherwise). */
  evidence: EvidenceStorage;
  /** Public holidays and swapped working weekends for working-day deadlines. */
  calendar: WorkCalendar;
  /** Ballot rate limits (domain/rate-limits.ts); `BALLOT_RATE_LIMITS` in production, set freely by tests. */
  rateLimits: readonly RateRule[];
  config: {
    /** Where the H5 client lives; links and QR URLs are built on it. */
    publicBaseUrl: string;
    /** The local dev login (any name, any role). Never on in production. */
    devLogin: boolean;
    /** The WeChat template id of each subscription-message template (what the client asks consent for). */
    messageTemplates: TemplateIds;
    /** No WeChat credentials: messages go to the local stand-in and the client skips WeChat's consent dialog. */
    localMessaging: boolean;
  };
}
