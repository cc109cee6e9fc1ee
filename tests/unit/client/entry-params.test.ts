import { tokenFromParams, tokenFromScan } from '../../../client/src/lib/entry-params';

const TOKEN = 'W.w111.1.Ab-_9';
const link = `https://pingyi.example.gov.cn/#/pages/rate/index?token=${encodeURIComponent(TOKEN)}`;

describe('the token a citizen arrives with', () => {
  it('is read from a mini-program code’s scene and from an H5 link’s token', () => {
    expect(tokenFromParams({ scene: encodeURIComponent(TOKEN) })).toBe(TOKEN);
    expect(tokenFromParams({ token: TOKEN })).toBe(TOKEN);
  });
  it('is read from a printed plain link opened in the mini-program (WeChat passes it whole as q)', () => {
    expect(tokenFromParams({ q: encodeURIComponent(link), scancode_time: '1765000000' })).toBe(TOKEN);
    expect(tokenFromParams({ q: encodeURIComponent(`https://pingyi.example.gov.cn/?token=${TOKEN}`) })).toBe(TOKEN);
  });
  it('is absent when the link is not one of ours, or nothing was passed', () => {
    expect(tokenFromParams({ q: encodeURIComponent('https://example.com/news/1') })).toBeUndefined();
    expect(tokenFromParams({})).toBeUndefined();
  });
  it('is read from what the in-app scanner returns: a code’s path or a link', () => {
    expect(tokenFromScan({ path: `pages/index/index?scene=${encodeURIComponent(TOKEN)}` })).toBe(TOKEN);
    expect(tokenFromScan({ result: link })).toBe(TOKEN);
    expect(tokenFromScan({ result: '6901234567892' })).toBeUndefined();
  });
});
