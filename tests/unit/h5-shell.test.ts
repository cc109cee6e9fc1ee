import { acceptedEncodings, fillShell } from '../../functions/src/http/h5-static';
import { inlineScriptHashes } from '../../functions/src/http/security-headers';

/** The pure parts of serving the H5 build (functions/src/http/h5-static.ts); the HTTP side: tests/integration/h5-static.test.ts. */

const SHELL =
  '<html><head><title>群众评议</title><script>var a=1</script></head><body>' +
  '<div class="shell__name" id="shell-name" elementtiming="shell-name"></div><script>var b=2</script></body></html>';

describe('acceptedEncodings', () => {
  it.each([
    ['gzip, deflate, br', ['br', 'gzip', 'identity']],
    ['br;q=0.5, gzip', ['gzip', 'br', 'identity']],
    ['gzip;q=0, br', ['br', 'identity']],
    ['br, identity;q=0', ['br']],
    ['*', ['br', 'gzip', 'identity']],
    ['*;q=0', ['identity']],
    ['identity;q=0', ['identity']],
    ['deflate', ['identity']],
    [undefined, ['identity']],
    ['BR;Q=1, GZIP;q=0.9', ['br', 'gzip', 'identity']],
    ['br;q=abc, gzip', ['gzip', 'identity']],
  ])('%s → %j', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected);
  });
});

describe('fillShell', () => {
  it('writes unit and window into the empty name element and the title', () => {
    const html = fillShell(SHELL, { unit: '公安局 · 户政科', window: '户政1号窗口' });
    expect(html).toContain('id="shell-name" elementtiming="shell-name"><span class="shell__unit">公安局 · 户政科</span><span class="shell__window">户政1号窗口</span></div>');
    expect(html).toContain('<title>户政1号窗口 · 群众评议</title>');
  });

  it('leaves out the unit line when there is none', () => {
    expect(fillShell(SHELL, { window: '综合窗口' })).toContain('elementtiming="shell-name"><span class="shell__window">综合窗口</span></div>');
  });

  it('escapes names: an imported name cannot add markup or a script', () => {
    const hostile = '</span><script>alert(1)</script><img src=x onerror="a">&amp;';
    const html = fillShell(SHELL, { unit: hostile, window: `"'${hostile}` });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;/span&#62;&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#38;amp;');
    // Inline scripts untouched: the CSP hashes computed from the build's index.html still hold.
    expect(inlineScriptHashes(html)).toEqual(inlineScriptHashes(SHELL));
  });

  it('changes nothing in a page without the name element', () => {
    const other = '<html><head></head><body><div id="app"></div></body></html>';
    expect(fillShell(other, { window: '户政1号窗口' })).toBe(other);
  });
});
