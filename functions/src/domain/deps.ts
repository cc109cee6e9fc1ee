import type { SchemeForms } from '@shared/model/scheme-forms';
import type { WorkCalendar } from '@shared/rectification/working-days';
import type { Clock, EvidenceStorage, IdSource, MiniProgramCode, Store, SubscriptionMessenger, WechatIdentity } from '../ports';
import type { Secrets } from './secrets';
import type { RateRule } from './rate-limits';

/** Everything a use case may touch, passed in (never imported), so tests can pin each part. */
export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  secrets: Secrets;
  wechat: WechatIdentity;
  /** Invitations and reminders to panel members, rectification deadline reminders to units (WeChat subscription messages, or the local outbox). */
  messenger: SubscriptionMessenger;
  miniProgramCode: MiniProgramCode;
  schemes: (id: string) => SchemeForms | undefined;
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
  };
}
