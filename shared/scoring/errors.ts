/**
 * A problem with the history a consecutive or count rule reads, for tools and for the office:
 * `HISTORY_INCOMPLETE` — an entry lacks a field a rule reads (or a period a rule counting quarters
 * or years needs); `HISTORY_INCONSISTENT` — an entry contradicts itself or its periods do not fit
 * (rank beyond the ranked count, total unlike the total component, two rounds in one quarter …).
 * `message` is the Chinese sentence naming the round, the target and the field.
 * @example { code: 'HISTORY_INCOMPLETE', roundId: '2013', targetId: 'sb-w3', field: 'rankedCount', ruleId: 'ganquan-two-years', message: '往期评议“2013”中“sb-w3”缺少参评总数（rankedCount），规则“ganquan-two-years”需要读取' }
 */
export type ScoringIssue = {
  code: 'HISTORY_INCOMPLETE' | 'HISTORY_INCONSISTENT';
  roundId: string;
  targetId?: string;
  field?: string;
  ruleId?: string;
  message: string;
};

/**
 * Facts or a scheme the engine refuses to score. `problems` are readable sentences naming the
 * target and field, so a supervisor can fix the facts file; nothing is scored partially. History
 * problems also come as structured `issues` (one problem line each).
 * @example throw new ScoringInputError(['s01: served is required by return_rate'])
 */
export class ScoringInputError extends Error {
  constructor(
    readonly problems: string[],
    readonly issues: ScoringIssue[] = [],
  ) {
    super(`invalid scoring input:\n- ${problems.join('\n- ')}`);
    this.name = 'ScoringInputError';
  }
}
