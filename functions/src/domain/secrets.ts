/**
 * Keys the server holds. Separate keys so a leak of one (say, the token key printed on a
 * poster workflow) does not let anyone link pseudonyms or mint sessions.
 */
export interface Secrets {
  /** Signs window QR, sampling link and invitation tokens. */
  tokenKey: string;
  /** Turns openids and panel member ids into evaluator pseudonyms. */
  pseudonymKey: string;
  /** Signs our session tokens. */
  sessionKey: string;
}
