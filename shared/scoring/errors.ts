/**
 * Facts or a scheme the engine refuses to score. `problems` are readable sentences naming the
 * target and field, so a supervisor can fix the facts file; nothing is scored partially.
 * @example throw new ScoringInputError(['s01: served is required by return_rate'])
 */
export class ScoringInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid scoring input:\n- ${problems.join('\n- ')}`);
    this.name = 'ScoringInputError';
  }
}
