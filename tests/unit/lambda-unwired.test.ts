import type { EvidenceStorage } from '../../functions/src/ports';
import { unwired } from '../../functions/src/lambda/unwired';

describe('a port a Lambda function does not wire', () => {
  it('throws, naming the port and the function, as soon as a route reaches for it', () => {
    const evidence = unwired<EvidenceStorage>('evidence', 'citizen');
    expect(() => evidence.presignUpload).toThrow('evidence.presignUpload: not wired in the citizen function');
    expect(() => evidence.stat('k')).toThrow(/not wired in the citizen function/);
  });

  it('is not mistaken for a promise or broken by inspection', async () => {
    const port = unwired<object>('miniProgramCode', 'exports');
    await expect(Promise.resolve(port)).resolves.toBe(port);
    expect(() => JSON.stringify({ port })).not.toThrow();
    expect(() => String(Object.prototype.toString.call(port))).not.toThrow();
  });
});
