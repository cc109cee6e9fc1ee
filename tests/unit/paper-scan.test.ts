import { serialFromScan } from '@shared/paper/scan';
import { displaySerial, serialFrom, serialLink } from '@shared/paper/serial';

/** The mini-program intake's camera scan (Taro.scanCode) read as a serial: shared/paper/scan.ts. */
describe('a scanned form QR as a serial', () => {
  const serial = serialFrom('7K2M9XPQ4D1');
  const link = serialLink('https://pingyi.example.gov.cn', serial);
  const found = { ok: true, serial, display: displaySerial(serial) };

  it('reads the link the form’s QR holds, as WeChat hands it back', () => {
    expect(link).toBe(`https://pingyi.example.gov.cn/#/public/pages/paper/index?serial=${displaySerial(serial)}`);
    expect(serialFromScan({ result: link, scanType: 'QR_CODE' })).toEqual(found);
    expect(serialFromScan({ result: `  ${link}\n` })).toEqual(found);
  });

  it('reads it wrapped as a 普通链接二维码 (q=, URL-encoded once or twice), as a mini-program path, and bare', () => {
    expect(serialFromScan({ result: `https://pingyi.example.gov.cn/mp?q=${encodeURIComponent(link)}` })).toEqual(found);
    expect(serialFromScan({ result: `https://x/mp?q=${encodeURIComponent(`https://y/mp?q=${encodeURIComponent(link)}`)}` })).toEqual(found);
    expect(serialFromScan({ path: `public/pages/paper/index?serial=${displaySerial(serial)}`, result: '' })).toEqual(found);
    expect(serialFromScan({ result: displaySerial(serial).toLowerCase() })).toEqual(found);
  });

  it('says a code is not a form, or a form whose serial does not check, rather than guessing', () => {
    expect(serialFromScan({ result: 'https://pingyi.example.gov.cn/#/pages/rate/index?token=abc' })).toEqual({ ok: false, reason: 'not_a_form' });
    expect(serialFromScan({ result: '' })).toEqual({ ok: false, reason: 'not_a_form' });
    expect(serialFromScan({})).toEqual({ ok: false, reason: 'not_a_form' });
    const last = serial[serial.length - 1]!;
    const altered = link.replace(new RegExp(`${last}$`), last === '0' ? '1' : '0');
    expect(serialFromScan({ result: altered })).toEqual({ ok: false, reason: 'unreadable' });
  });
});
