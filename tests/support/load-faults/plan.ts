import { randomUUID } from 'node:crypto';
import { answersFor } from '../../../bench/scheme';

/**
 * Who sends what. A *slot* is one (evaluator, target, channel) an evaluator may rate once; the
 * scenario has exactly `ballots` slots, so exactly `ballots` ballots must end up accepted,
 * whatever the store does meanwhile. On top of the slots' own ballots:
 *
 *  - rivals: a second, different ballot (new clientBallotId) for a sampling slot, sent by
 *    another client at about the same moment — the same person on a second phone. One of the
 *    two wins; the other must get 409 DUPLICATE_BALLOT.
 *  - resends: the very same request again after it was answered (same clientBallotId, same
 *    body) — a phone that never saw the answer. It must get the first receipt back.
 *
 * Window slots get no rivals: their dedupe period is a China day, and a run crossing midnight
 * would rightly accept the rival.
 */
export type SendKind = 'original' | 'rival' | 'resend';

export interface Slot {
  index: number;
  evaluator: number;
  target: number;
  channel: 'sampling' | 'window';
}

export interface Send {
  id: number;
  slot: number;
  kind: SendKind;
  evaluator: number;
  clientBallotId: string;
  body: Record<string, unknown>;
}

export interface PlanShape {
  ballots: number;
  evaluators: number;
  targets: number;
  clients: number;
}

export interface LoadPlan {
  slots: Slot[];
  sends: Send[];
  /** sends[queues[c][k]] is client c's k-th send, in the order it makes them. */
  queues: number[][];
}

const RIVAL_EVERY = 20; // slots i ≡ 1 (mod 20): 5 % of all slots (all sampling)
const RESEND = new Set([2, 4]); // i ≡ 2 (sampling) or 4 (window) (mod 20): 10 %

export function buildPlan(shape: PlanShape, tokens: { sampling: string; windows: string[]; targetIds: string[] }): LoadPlan {
  const { ballots, evaluators, targets, clients } = shape;
  const perEvaluator = Math.ceil(ballots / evaluators);
  if (perEvaluator > targets) throw new Error(`${ballots} ballots from ${evaluators} evaluators need ≥ ${perEvaluator} targets`);
  const slots: Slot[] = [];
  for (let i = 0; i < ballots; i++) {
    const evaluator = i % evaluators;
    // Evaluator e rates targets e, e+1, …: distinct per evaluator, spread over all targets.
    slots.push({ index: i, evaluator, target: (evaluator + Math.floor(i / evaluators)) % targets, channel: i % 4 === 0 ? 'window' : 'sampling' });
  }
  const sends: Send[] = [];
  const queues: number[][] = Array.from({ length: clients }, () => []);
  const body = (slot: Slot, clientBallotId: string, variant: number) =>
    slot.channel === 'window'
      ? { clientBallotId, token: tokens.windows[slot.target]!, answers: answersFor(slot.index + variant) }
      : { clientBallotId, token: tokens.sampling, targetId: tokens.targetIds[slot.target]!, answers: answersFor(slot.index + variant) };
  const add = (client: number, s: Omit<Send, 'id'>) => {
    const send = { id: sends.length, ...s };
    sends.push(send);
    queues[client]!.push(send.id);
    return send;
  };
  // Evaluator e is client (e mod clients)'s; slots are walked in order, so every client's queue
  // advances through the targets at the same pace and a rival lands near its original in time.
  for (const slot of slots) {
    const owner = slot.evaluator % clients;
    const original = add(owner, { slot: slot.index, kind: 'original', evaluator: slot.evaluator, clientBallotId: randomUUID(), body: {} });
    original.body = body(slot, original.clientBallotId, 0);
    if (RESEND.has(slot.index % RIVAL_EVERY)) add(owner, { slot: slot.index, kind: 'resend', evaluator: slot.evaluator, clientBallotId: original.clientBallotId, body: original.body });
    if (slot.channel === 'sampling' && slot.index % RIVAL_EVERY === 1) {
      const clientBallotId = randomUUID();
      add((owner + 1) % clients, { slot: slot.index, kind: 'rival', evaluator: slot.evaluator, clientBallotId, body: body(slot, clientBallotId, 1) });
    }
  }
  return { slots, sends, queues };
}
