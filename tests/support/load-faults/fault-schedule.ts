import type { StoreFaults } from '../faults';
import type { RestartableStore } from './store';

/**
 * What goes wrong, and when: each step fires once the run has answered that fraction of its
 * sends, so the faults land mid-run at any machine speed. Errors and delays go through the
 * app's own SDK client (tests/support/faults.ts); restarts kill the real DynamoDB Local.
 */
export type FaultStep =
  | { at: number; kind: 'error-before'; command: string; times: number }
  | { at: number; kind: 'lost-answer'; command: string; times: number }
  | { at: number; kind: 'slow-before' | 'slow-after'; command: string; times: number }
  | { at: number; kind: 'restart' };

/**
 * Several of each kind, spread over the run (slow ones exceed the client's timeout). An accepted
 * ballot is one TransactWriteItems (domain/ballots: round, QR and invitation come from memory), so
 * the other steps hit whatever call comes next (`*`: a receipt lookup after a refusal, a fresh
 * read after a fenced transaction, a tally read) rather than a GetItem a run may never make.
 */
export function defaultSchedule(): FaultStep[] {
  const TX = 'TransactWriteItemsCommand';
  const GET = '*';
  return [
    { at: 0.06, kind: 'error-before', command: TX, times: 25 },
    { at: 0.12, kind: 'lost-answer', command: TX, times: 25 },
    { at: 0.18, kind: 'slow-after', command: TX, times: 10 },
    { at: 0.24, kind: 'error-before', command: GET, times: 25 },
    { at: 0.3, kind: 'restart' },
    { at: 0.38, kind: 'slow-before', command: TX, times: 10 },
    { at: 0.44, kind: 'lost-answer', command: GET, times: 25 },
    { at: 0.5, kind: 'lost-answer', command: TX, times: 25 },
    { at: 0.58, kind: 'restart' },
    { at: 0.66, kind: 'slow-after', command: GET, times: 10 },
    { at: 0.72, kind: 'error-before', command: '*', times: 25 },
    { at: 0.78, kind: 'slow-before', command: TX, times: 10 },
    { at: 0.84, kind: 'restart' },
    { at: 0.9, kind: 'lost-answer', command: TX, times: 25 },
  ];
}

export class FaultDriver {
  private next = 0;
  private restarting?: Promise<void>;
  readonly restarts: Array<{ at: number; seconds?: number; error?: string }> = [];

  constructor(
    private readonly steps: FaultStep[],
    private readonly faults: StoreFaults,
    private readonly store: RestartableStore,
    /** How long a slow call is held: longer than the client's timeout. */
    private readonly slowMs: number,
    /** Told of each step as it fires, for a run's timeline. */
    private readonly onFire: (what: string) => void = () => undefined,
  ) {}

  /** Called after every answered send with the fraction done; fires the steps now due. */
  progress(fraction: number): void {
    while (this.next < this.steps.length && this.steps[this.next]!.at <= fraction) this.fire(this.steps[this.next++]!);
  }

  /** Waits for a restart still under way. */
  async settle(): Promise<void> {
    await this.restarting;
  }

  private fire(step: FaultStep): void {
    this.onFire(`fault step at ${step.at}: ${step.kind}${'command' in step ? ` ${step.command} ×${step.times}` : ''}`);
    if (step.kind === 'error-before') this.faults.fail(step.command, 'before', step.times);
    else if (step.kind === 'lost-answer') this.faults.fail(step.command, 'after', step.times);
    else if (step.kind === 'slow-before' || step.kind === 'slow-after') this.faults.slow(step.command, step.kind, this.slowMs, step.times);
    else {
      const record: (typeof this.restarts)[number] = { at: step.at };
      this.restarts.push(record);
      const previous = this.restarting ?? Promise.resolve();
      this.restarting = previous.then(() =>
        this.store.killAndRestart().then(
          () => void (record.seconds = this.store.downtimes.at(-1)),
          (e: unknown) => void (record.error = e instanceof Error ? e.message : String(e)),
        ),
      );
    }
  }
}
