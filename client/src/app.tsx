import { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { z } from 'zod';
import { startOutboxRunner } from './lib/outbox-runner';
import './app.scss';

// Zod probes for `new Function` to compile fast parsers: the H5 Content-Security-Policy has no
// 'unsafe-eval' (the probe would be reported as a violation) and the mini-program has no eval at all.
z.config({ jitless: true });

function App({ children }: PropsWithChildren) {
  // Ballots left waiting by an earlier visit are retried as soon as the app starts.
  useLaunch(() => startOutboxRunner());
  return children;
}

export default App;
