export default async function globalTeardown(): Promise<void> {
  const ddb = (globalThis as { __ddb?: { stop(): Promise<void> } }).__ddb;
  if (ddb) await ddb.stop();
}
