import { displaySerial, parseSerial, serialFrom, serialLink } from '@shared/paper/serial';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// A fixed spread of bodies (a linear congruential walk: the same every run) and the edge cases.
const bodies = ['7K2M9XPQ4D1', '00000000000', 'YYYYYYYYYYY', 'A1B2C3D4E5F', ...Array.from({ length: 40 }, (_, k) => Array.from({ length: 11 }, (_, i) => CROCKFORD[(k * 7919 + i * 104729 + k * i * 31) % 32]).join(''))];

describe('printed-form serials', () => {
  it('reads back what it prints, in any case, with or without dashes, and from the QR link', () => {
    for (const body of bodies) {
      const s = serialFrom(body);
      expect(parseSerial(s)).toBe(s);
      expect(parseSerial(displaySerial(s).toLowerCase())).toBe(s);
      expect(parseSerial(` ${displaySerial(s)} `)).toBe(s);
      expect(parseSerial(serialLink('https://pingyi.example/', s))).toBe(s);
    }
  });

  it('reads O as 0 and I or L as 1, the way a clerk sees them', () => {
    const s = serialFrom('10101010101');
    expect(parseSerial(s.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(s);
  });

  it('refuses every single-symbol mistype and every swap of two different neighbours', () => {
    const accepted: string[] = [];
    let tried = 0;
    for (const body of bodies) {
      const s = serialFrom(body);
      const wrong: string[] = [];
      for (let i = 0; i < s.length; i++) {
        for (const c of CROCKFORD) if (c !== s[i]) wrong.push(s.slice(0, i) + c + s.slice(i + 1));
        if (i + 1 < s.length && s[i] !== s[i + 1]) wrong.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
      }
      tried += wrong.length;
      accepted.push(...wrong.filter((w) => parseSerial(w) !== undefined).map((w) => `${s} → ${w}`));
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(bodies.length * 12 * 31);
  });

  it('never prints Z (it equals 0 in the check): a Z drawn for the body becomes 0', () => {
    expect(serialFrom('ZZZZZZZZZZZ')).toBe(serialFrom('00000000000'));
    for (const body of bodies) expect(serialFrom(body)).not.toContain('Z');
  });

  it('refuses wrong lengths and foreign symbols', () => {
    expect(parseSerial('7K2M-9XPQ-4D1')).toBeUndefined();
    expect(parseSerial('7K2M-9XPQ-4D1CC')).toBeUndefined();
    expect(parseSerial('7K2M-9XPQ-4D1U')).toBeUndefined();
    expect(() => serialFrom('7K2M9XPQ4DU')).toThrow();
  });
});
