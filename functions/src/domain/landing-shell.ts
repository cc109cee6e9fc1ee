import { ancestorAt } from '@shared/model/org';
import type { Deps } from './deps';
import { resolveChannel } from './ballots/channel-context';

/** What the H5 shell may print before any script runs: the names on the window's own poster. */
export interface ShellNames {
  /** 单位 · 科室, as far as the window has them. */
  unit?: string;
  window: string;
}

/**
 * The public names for a window QR link, for the static shell the server fills in
 * (functions/src/http/h5-static.ts). Anything else — a sampling link, an invitation (personal),
 * a forged, rotated or revoked token — is undefined: the shell then shows no name, and the app
 * explains the token once it loads. Three reads at most (QR state and window together, then
 * the unit and section in one batch).
 */
export async function windowShellNames(deps: Deps, token: string): Promise<ShellNames | undefined> {
  if (!token.startsWith('W.')) return undefined;
  let ctx;
  try {
    ctx = await resolveChannel(deps, token);
  } catch {
    return undefined;
  }
  if (ctx.channel !== 'window') return undefined;
  const ids = [ancestorAt(ctx.window, 'unit'), ancestorAt(ctx.window, 'section')].filter((id): id is string => !!id);
  const nodes = ids.length > 0 ? await deps.store.org.getNodes(ids) : new Map();
  const unit = ids.map((id) => nodes.get(id)?.name).filter(Boolean).join(' · ');
  return { window: ctx.window.name, ...(unit ? { unit } : {}) };
}
