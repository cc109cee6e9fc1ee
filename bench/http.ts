import { Agent, request } from 'node:http';

export interface HttpResponse {
  status: number;
  body: any;
}

/**
 * A keep-alive client on node:http (lighter than fetch/undici, so less of the client's own CPU
 * is charged to the app: client and app share this process and the machine's 2 cores).
 */
export function httpClient(baseUrl: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  /** `timeoutMs`: give up on the answer (as a phone does) — rejects with an error named ClientTimeout. */
  function call(method: string, path: string, opts: { json?: unknown; raw?: string; contentType?: string; token?: string; timeoutMs?: number } = {}): Promise<HttpResponse> {
    const payload = opts.raw ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
    const headers: Record<string, string | number> = {};
    if (payload !== undefined) {
      headers['content-type'] = opts.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    return new Promise((resolve, reject) => {
      const req = request({ agent, hostname, port, method, path: `/api${path}`, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* keep the text: error pages are worth printing */
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (opts.timeoutMs !== undefined) {
        const timer = setTimeout(() => {
          const e = new Error(`no answer within ${opts.timeoutMs} ms`);
          e.name = 'ClientTimeout';
          reject(e); // settles even when the response had started (destroy then only aborts it)
          req.destroy(e);
        }, opts.timeoutMs);
        req.once('close', () => clearTimeout(timer));
      }
      req.end(payload);
    });
  }
  return {
    call,
    post: (path: string, json?: unknown, token?: string, timeoutMs?: number) => call('POST', path, { json, token, timeoutMs }),
    get: (path: string, token?: string) => call('GET', path, { token }),
    close: () => agent.destroy(),
  };
}
export type HttpClient = ReturnType<typeof httpClient>;

/** Throws with the response when the status is not the expected one. */
export function expectStatus(r: HttpResponse, want: number, what: string): HttpResponse {
  if (r.status !== want) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r;
}
