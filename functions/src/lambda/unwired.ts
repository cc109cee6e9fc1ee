/**
 * A dependency this Lambda function's routes never use (the S3 evidence store in the citizen
 * function, say). Reading anything from it throws an error naming the port and the function, so
 * a route moved to the wrong function fails loudly on its first request instead of quietly
 * using a local stand-in; the error handler answers 500 and logs it.
 */
export function unwired<T extends object>(port: string, fn: string): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      // Promise resolution and inspection probe these; they are not uses of the port.
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      throw new Error(`${port}.${prop}: not wired in the ${fn} function (lambda/${fn}.ts)`);
    },
  });
}
