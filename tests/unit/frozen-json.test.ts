import fc from 'fast-check';
import { frozenJson } from '../../functions/src/http/frozen-json';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

describe('answers serialised from remembered (frozen) parts', () => {
  it('gives exactly JSON.stringify’s bytes for an answer wrapping frozen parts, in key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined))), fc.array(fc.jsonValue()), fc.boolean(), (plain, part, freezeWhole) => {
        const body: Record<string, unknown> = { ...plain, targets: deepFreeze(part), at: new Date(0) };
        if (freezeWhole) deepFreeze(body);
        const text = frozenJson(body);
        expect(text).toBe(JSON.stringify(body));
        // Twice: the second answer comes from the remembered text and is still the same.
        expect(frozenJson(body)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves answers with nothing frozen to Express', () => {
    expect(frozenJson({ a: 1, b: [2] })).toBeUndefined();
    expect(frozenJson([deepFreeze({ a: 1 })])).toBeUndefined();
    expect(frozenJson('text')).toBeUndefined();
  });

  it('serialises a frozen part once, however many answers carry it', () => {
    const targets = deepFreeze(Array.from({ length: 50 }, (_, i) => ({ targetId: `s${i}`, n: i })));
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      for (let i = 0; i < 5; i++) frozenJson({ roundId: 'r1', computedAt: `t${i}`, targets });
      expect(stringify.mock.calls.filter(([v]) => v === targets)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });
});
