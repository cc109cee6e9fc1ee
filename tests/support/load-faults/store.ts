import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../functions/src/local/dynamodb-local';

/** How long a restart may keep failing (a port slow to free, a JVM slow to start) before the run fails. */
const RESTART_DEADLINE_MS = 5 * 60_000;

/**
 * DynamoDB Local on a data folder (not -inMemory), so it can be killed and started again on
 * the same port with everything it had committed — the app's client never learns of the new
 * process except through the requests that failed meanwhile.
 *
 * The folder goes on /dev/shm when there is one: RAM, so SQLite's fsyncs cost nothing, yet it
 * survives the process exactly as a disk would (this is a process crash, not a power cut).
 */
export class RestartableStore {
  private constructor(
    private ddb: DynamoDbLocal,
    readonly dir: string,
    /** The newest JVM, known from spawn on — also while a restart waits for it to answer. */
    private child: ChildProcess,
  ) {}

  /** Seconds each restart kept the store away (kill → answering again). */
  readonly downtimes: number[] = [];

  /** Kills so far, counted *before* the signal goes: a call sent at generation g and confirmed at g saw no kill. */
  generation = 0;

  /** Told of every kill, spawn, exit and "answering again", for a run's timeline. */
  onEvent: (what: string) => void = () => undefined;

  private spawned(c: ChildProcess): void {
    this.child = c;
    this.onEvent(`JVM pid ${c.pid} spawned`);
    c.once('exit', (code, signal) => this.onEvent(`JVM pid ${c.pid} exited (${signal ?? code})`));
  }

  static async start(): Promise<RestartableStore> {
    const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const dir = mkdtempSync(join(base, 'ddb-load-'));
    try {
      let child: ChildProcess | undefined;
      const ddb = await startDynamoDbLocal({ dbPath: dir, onSpawn: (c) => (child = c) });
      return new RestartableStore(ddb, dir, child!);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  get endpoint(): string {
    return this.ddb.endpoint;
  }

  /** SIGKILL — no shutdown hook, no flush — then a new process on the same port and folder. */
  async killAndRestart(): Promise<void> {
    const t0 = performance.now();
    const old = this.ddb;
    if (old.process.exitCode === null) {
      this.generation++;
      this.onEvent(`SIGKILL JVM pid ${old.process.pid}`);
      const exited = new Promise((r) => old.process.once('exit', r));
      old.process.kill('SIGKILL');
      await exited;
    }
    // The port can linger for a moment after the kill; DynamoDB Local then exits at once. A busy
    // machine can take long to free it and start a JVM: bounded by a deadline, not a count.
    const deadline = performance.now() + RESTART_DEADLINE_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        this.ddb = await startDynamoDbLocal({ dbPath: this.dir, port: old.port, onSpawn: (c) => this.spawned(c) });
        this.onEvent(`JVM pid ${this.ddb.process.pid} answering`);
        break;
      } catch (e) {
        this.onEvent(`restart attempt ${attempt} failed: ${(e as Error).message.split('\n')[0]}`);
        if (performance.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    this.downtimes.push((performance.now() - t0) / 1000);
  }

  /** Synchronous last resort for a process that is exiting (a killed bench must not leave a JVM). */
  killNow(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  async stop(): Promise<void> {
    await this.ddb.stop();
    this.killNow(); // a restart that failed half-way may have left a newer child
  }
}
