import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type express from 'express';
import type { Deps } from '../domain/deps';
import { windowShellNames } from '../domain/landing-shell';
import { h5Static } from './h5-static';
import { h5Csp, inlineScriptHashes, setDocumentPolicy } from './security-headers';

/**
 * The H5 build (local runs), under the policy it works with: its index.html's inline scripts
 * allowed by hash (read once here; a rebuild means a restart). Compression, caching and the
 * filled shell: h5-static.ts. Given to createApp by the local server and the tests only, so no
 * Lambda bundle carries static serving. `fillTimeoutMs`: how long the shell waits for a window's
 * name before it is served without (default 1 s).
 */
export function h5Files(dir: string, deps: Deps, fillTimeoutMs?: number): express.RequestHandler {
  let hashes: string[] = [];
  try {
    hashes = inlineScriptHashes(readFileSync(join(dir, 'index.html'), 'utf8'));
  } catch {
    // No index.html: nothing is a document, the policy only guards stray files.
  }
  const csp = h5Csp(hashes);
  return h5Static({ dir, shellNames: (token) => windowShellNames(deps, token), fillTimeoutMs, onHeaders: (res) => setDocumentPolicy(res, csp) });
}
