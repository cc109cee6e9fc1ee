/**
 * The scheme engine: pure functions from a scheme (data) and one round's facts to results.
 * No I/O, no clock, no Node built-ins: it runs unchanged in the mini-program and in Lambda.
 */
export { Scheme, type SchemeInput, Flag, Grades, Ranking, RankingQuota, Rule, RuleHistory, HistoryUnit, EvaluatorMix } from './scheme';
export { Component, type ComponentInput } from './components';
export { Condition, conditionHolds, quotaFor, resolveRankDefaults, readsRank, DEFAULT_QUOTA, type TargetView, type TiePolicy, type Rounding, type RankBounds, type RankMode } from './conditions';
export { RoundFacts, type RoundFactsInput, TargetFacts, ChannelFacts, SheetList, PastRound, PastTarget, RoundPeriod } from './facts';
export { TargetResult, RoundResult, RoundNote, ComponentScore, ScoreInterval, Consequence, ResultFlag, GroupRanking, GroupCut, OptionShare } from './result';
export { scoreRound, ENGINE_FLAGS, type ScoreOptions } from './engine';
export { PendingInput, type IncompleteInputs } from './facts-checks';
export { ScoringInputError, type ScoringIssue } from './errors';
export { pastTargetsOf } from './history';
export { quarterSlot, yearSlot, periodLabel, type PeriodSlot } from './periods';
export { schemeProblems, formsServing } from './scheme-checks';
export { wilsonInterval, wilsonCounts, boundedMeanInterval, Z95, type Bounds } from './wilson';
export { quantise, compareValues, holds, type Comparison } from './compare';
export { drawQuota, checkMix } from './mix';
export { rankGroup, type RankEntry, type Placement } from './ranking';
export { resolveTallies, ballotsOn, answersOn, type Tally, type TargetTallies } from './tallies';
export { rankConfidence, normalQuantile, differenceInterval, type ConfidenceItem, type ConfidenceMethod, type GroupConfidence } from './rank-confidence';
export { groupCuts, TIE_RULE_NAMES } from './cuts';
