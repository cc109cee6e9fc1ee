export { apportion, weightsFromShares } from './apportion';
export { drawStream } from './prng';
export { sha256, sha256Hex, toHex, utf8 } from './sha256';
export * from './draw';
