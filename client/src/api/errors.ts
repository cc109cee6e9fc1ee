/**
 * The catalogue's INTERNAL sentence (shared/errors.ts; a unit test keeps them equal). The client
 * does not import the catalogue itself: the server's answers carry their Chinese message, and the
 * catalogue's 100-odd entries would weigh about 19 KB in the mini-program's main package.
 */
export const FALLBACK_MESSAGE = '系统繁忙，请稍后再试';

/**
 * A failed API call as the UI needs it: a Chinese sentence to show, the stable code to
 * branch on, and whether the server answered at all. `NETWORK` is ours (no answer reached us):
 * the only case in which a ballot is kept for a retry besides a 5xx/429.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the server may not have seen or finished the request, so a retry is safe and needed. */
  get retryable(): boolean {
    return this.code === 'NETWORK' || this.status >= 500 || this.status === 429;
  }
}

export const NETWORK_MESSAGE = '网络不通，请检查网络后重试';

/** Builds an ApiError from any error body; a body we cannot read still yields a Chinese sentence. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  // The server's message is already Chinese; a proxy's bare 502 page has none.
  const message = typeof err?.message === 'string' && err.message ? err.message : FALLBACK_MESSAGE;
  return new ApiError(code, status, message, err?.details);
}

/** The sentence to show for anything thrown by an API call (never a stack or a raw code). */
/** A problem the page found in what was typed, before any request: its message is for the user. */
export class InputProblem extends Error {
  override name = 'InputProblem';
}

export function userMessage(e: unknown): string {
  if (e instanceof ApiError || e instanceof InputProblem) return e.message;
  return FALLBACK_MESSAGE;
}
