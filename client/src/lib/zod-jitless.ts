import { z } from 'zod';

/**
 * Imported first by app.tsx, before any module builds a schema: zod decides per object schema,
 * when it is built, whether to compile a fast parser, and probes for that with `new Function`.
 * The H5 Content-Security-Policy has no 'unsafe-eval' (the probe is reported as a violation,
 * tests/e2e/security-headers.test.ts) and the mini-program has no eval at all.
 */
z.config({ jitless: true });
