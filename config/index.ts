import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { PrecompressPlugin } from './precompress';

// One source tree, two outputs: the WeChat build must not overwrite the H5 build that
// `npm start` and the browser tests serve, so each platform gets its own folder.
const platform = process.env.TARO_ENV ?? 'weapp';
const root = path.resolve(__dirname, '..');
const sharedDir = path.join(root, 'shared');

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'qunzhong-pingyi',
    date: '2026-11-23',
    // NutUI's styles are drawn for a 375-wide design; ours for 750 (Taro's default).
    designWidth: (input?: { file?: string }) => (input?.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750),
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client/src',
    outputRoot: platform === 'h5' ? 'dist/h5' : `dist/${platform}`,
    plugins: [],
    // `@shared` is the domain model and API contract shared with the functions; the alias
    // keeps page imports readable and matches client/tsconfig.json.
    alias: { '@shared': sharedDir, '@': path.join(root, 'client/src') },
    // Unset variables must still be replaced: H5 has no `process` at run time.
    defineConstants: { 'process.env.TARO_APP_API_BASE': JSON.stringify(process.env.TARO_APP_API_BASE ?? '') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // shared/ sits outside sourceRoot; Taro only transpiles what `compile.include` names.
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Split shared vendor code so subpackage-only libraries (charts, QR) stay in their subpackage.
      optimizeMainPackage: { enable: true },
      // Chinese strings as UTF-8 (3 bytes a character) instead of \uXXXX escapes (6): ≈ 10 KB off
      // the main package. Taro escapes by default for platforms that misread non-ASCII source;
      // WeChat reads its packages as UTF-8 (native mini-program sources are UTF-8 with Chinese literals).
      terser: { enable: true, config: { output: { ascii_only: false } } },
      // WeChat templates cannot recurse, so base.wxml repeats every container template per nesting
      // level (16 by default, ≈ 3.5 KB a level); deeper trees continue through Taro's `comp`
      // component. 12 levels keep the citizen pages' trees in templates and the main package in budget.
      baseLevel: 12,
    },
    h5: {
      compile: { include: [sharedDir] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Content-hashed names: served `immutable` for a year (functions/src/http/h5-static.ts).
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      // index.html places the tags itself: scripts deferred in <head>, the stylesheet after the
      // shell so it does not hold back the shell's first paint (client/src/index.html).
      htmlPluginOption: { inject: false },
      // Brotli and gzip copies of every text asset, made once here (config/precompress.ts).
      webpackChain(chain) {
        chain.plugin('precompress').use(PrecompressPlugin);
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
