import type { Clock } from '../../functions/src/ports';

/** A clock tests move by hand (window dedupe periods, invitation expiry, round close). */
export class TestClock implements Clock {
  constructor(private t: number = Date.now()) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}
