import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, IdSource } from '../../ports';

export const systemClock: Clock = { now: () => new Date() };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  shortId: (length: number) => {
    const bytes = randomBytes(length);
    let out = '';
    for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i]! & 31];
    return out;
  },
};
