import { useEffect, useRef, useState } from 'react';
import { validateScheme } from '../../../api/schemes';
import { localProblems, mergeProblems, toProblem, type Problem } from '../schemes/model/problems';
import type { Body } from '../schemes/model/values';

/** How long the editor waits after the last keystroke before asking the API. */
const DEBOUNCE_MS = 600;

/**
 * The body's problems, live: the editor's own checks at once, the API's `/validate` (the save
 * path's own checks, including a probe scoring) once typing pauses. Order matters: an answer
 * for an older body is dropped, so a slow reply never shows problems the clerk already fixed.
 */
export function useLiveProblems(body: Body | undefined, enabled: boolean) {
  const [remote, setRemote] = useState<Problem[]>([]);
  const [checking, setChecking] = useState(false);
  const latest = useRef(0);
  useEffect(() => {
    if (!body || !enabled) return;
    const ask = ++latest.current;
    setChecking(true);
    const timer = setTimeout(() => {
      validateScheme(body).then(
        (r) => {
          if (ask !== latest.current) return;
          setRemote(r.problems.map((p) => toProblem(body, p)));
          setChecking(false);
        },
        () => {
          if (ask === latest.current) setChecking(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [body, enabled]);
  const local = body ? localProblems(body) : [];
  return { problems: mergeProblems(local, remote), checking };
}
