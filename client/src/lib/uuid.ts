/**
 * A random (version 4) UUID for client ballot ids. Uses Web Crypto where the platform has it
 * (H5); the WeChat runtime has no synchronous CSPRNG, and Math.random is enough there because
 * the id is an idempotency key, not a secret: it only has to be unique per device.
 * @example uuid4() // '2f1c8e2a-7d43-4c4e-9a55-0c7f1b8f6b11'
 */
export function uuid4(): string {
  const bytes = new Uint8Array(16);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
