/**
 * Where the API lives. H5 is served by `npm start` beside the API, so same-origin `/api`.
 * The mini-program needs an absolute https URL (set TARO_APP_API_BASE in .env.production;
 * WeChat DevTools accepts http://127.0.0.1 with "不校验合法域名" ticked).
 */
export const API_BASE: string =
  process.env.TARO_APP_API_BASE || (process.env.TARO_ENV === 'h5' ? '/api' : 'http://127.0.0.1:3000/api');
