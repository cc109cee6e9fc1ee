// First: no schema may be built before zod is told not to probe for eval (lib/zod-jitless.ts).
import './lib/zod-jitless';
import { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startOutboxRunner } from './lib/outbox-runner';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Ballots left waiting by an earlier visit are retried as soon as the app starts.
  useLaunch(() => startOutboxRunner());
  return children;
}

export default App;
