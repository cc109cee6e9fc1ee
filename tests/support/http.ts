import type { Role } from '@shared/api/auth';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin fetch wrapper for tests: JSON in, JSON out, status kept. */
export function apiClient(baseUrl: string) {
  async function call<T = any>(method: string, path: string, opts: { body?: unknown; token?: string; raw?: string; contentType?: string } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.contentType ?? 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = opts.contentType ?? 'application/json';
    }
    const res = await fetch(`${baseUrl}/api${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  return {
    call,
    get: <T = any>(path: string, token?: string) => call<T>('GET', path, { token }),
    post: <T = any>(path: string, body?: unknown, token?: string) => call<T>('POST', path, { body, token }),
    del: <T = any>(path: string, token?: string) => call<T>('DELETE', path, { token }),
    async login(name: string, role: Role = 'citizen', unitId?: string): Promise<string> {
      const r = await call('POST', '/auth/dev', { body: { name, role, ...(unitId ? { unitId } : {}) } });
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/**
 * Sends a ballot as the client's outbox does: the same body (same clientBallotId) again after a
 * 503 — the store busy past the function's conflict budget, which a 2-core machine under load
 * reaches — until an answer that is not 503 or the deadline. Never a new ballot: a resend can only
 * be accepted once or replayed, which is what the callers then count.
 */
export async function postBallotAsClient(api: ApiClient, body: unknown, token: string, deadlineMs = 5 * 60_000): Promise<ApiResponse> {
  const giveUp = Date.now() + deadlineMs;
  for (;;) {
    const r = await api.post('/ballots', body, token);
    if (r.status !== 503 || Date.now() >= giveUp) return r;
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
  }
}
