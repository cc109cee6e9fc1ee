import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Compiler } from 'webpack';

/** What is worth compressing: text. Images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|map|txt)$/;
/** Below this a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 512;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text asset of the H5 build, compressed once at
 * the highest levels (brotli 11, gzip 9), so the server only chooses a file by `Accept-Encoding`
 * and never compresses per request (functions/src/http/h5-static.ts; CDN: docs/deploy.md).
 * Runs after html-webpack-plugin (OPTIMIZE_TRANSFER comes after OPTIMIZE_INLINE), so index.html
 * gets its copies too. A copy that is not smaller than the file is not written.
 */
export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        for (const [name, source] of Object.entries(assets)) {
          if (!COMPRESSIBLE.test(name) || name.endsWith('.LICENSE.txt')) continue;
          const raw = source.buffer();
          if (raw.length < MIN_BYTES) continue;
          const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
          const gz = gzipSync(raw, { level: 9 });
          const info = { immutable: compilation.getAsset(name)?.info.immutable, compressed: true };
          if (br.length < raw.length) compilation.emitAsset(`${name}.br`, new sources.RawSource(br), info);
          if (gz.length < raw.length) compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz), info);
        }
      });
    });
  }
}
