import { openCursor, openIndexCursor, sealCursor } from '../../functions/src/domain/public-cursor';

const key = 'test-token-key';

describe('public cursors', () => {
  it('opens what it sealed, for the same context only', () => {
    const c = sealCursor(key, 'ballot-log:r1', '5000');
    expect(openCursor(key, 'ballot-log:r1', c)).toBe('5000');
    expect(openCursor(key, 'ballot-log:r2', c)).toBeUndefined();
    expect(openCursor('another-key', 'ballot-log:r1', c)).toBeUndefined();
  });

  it('is deterministic, so pages chain by string equality', () => {
    expect(sealCursor(key, 'org', 'window|w9')).toBe(sealCursor(key, 'org', 'window|w9'));
    expect(sealCursor(key, 'org', 'window|w9')).not.toBe(sealCursor(key, 'org', 'window|w10'));
  });

  it('shows nothing of the position: no digits, no ids, no shared prefix between neighbours', () => {
    const a = sealCursor(key, 'ballot-log:r1', '5000');
    const b = sealCursor(key, 'ballot-log:r1', '5001');
    for (const c of [a, b]) {
      const bytes = Buffer.from(c, 'base64url');
      expect(bytes.toString('latin1')).not.toContain('500');
      expect(bytes.toString('hex')).not.toContain(Buffer.from('5000').toString('hex'));
    }
    expect(a.slice(0, 8)).not.toBe(b.slice(0, 8));
  });

  it('refuses any change, truncation or invention', () => {
    const c = sealCursor(key, 'ballot-log:r1', '12');
    const bytes = Buffer.from(c, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const x = Buffer.from(bytes);
      x[i]! ^= 1;
      expect(openCursor(key, 'ballot-log:r1', x.toString('base64url'))).toBeUndefined();
    }
    for (const bad of ['', 'x', c.slice(0, -1), `${c}A`, Buffer.from('[0,"2026-12-01T10:32:00.000Z#b1"]').toString('base64url'), Buffer.alloc(24).toString('base64url'), `${c.slice(0, 10)}+${c.slice(11)}`])
      expect([bad, openCursor(key, 'ballot-log:r1', bad)]).toEqual([bad, undefined]);
  });

  it('turns an index cursor that is not one of ours into VALIDATION_FAILED', () => {
    expect(openIndexCursor(key, 'l', sealCursor(key, 'l', '7'), 'after', 10)).toBe(7);
    for (const c of [sealCursor(key, 'l', '11'), sealCursor(key, 'l', '-1'), sealCursor(key, 'l', '07'), sealCursor(key, 'l', 'x'), 'forged-cursor-forged-cursor']) {
      expect(() => openIndexCursor(key, 'l', c, 'after', 10)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
