import { cleanCitizenText, CitizenText } from '@shared/privacy/text';
import { SubmitBallotRequest } from '@shared/api/ballots';
import { SubmitSheetRequest } from '@shared/api/panels';

describe('citizen text at input', () => {
  it.each([
    ['NUL', '差\u0000评', '差评'],
    ['ESC sequence', '\u001b[31m差评', '[31m差评'],
    ['bell, backspace, DEL', '差\u0007\u0008评\u007f', '差评'],
    ['C1 controls', '差\u0085\u009b评', '差评'],
    ['right-to-left override', '\u202e评差\u202c', '评差'],
    ['every bidi embedding and isolate', '\u202a\u202b\u202d\u2066\u2067\u2068\u2069好', '好'],
    ['zero-width characters', '1\u200b3\u200c8\u200d\u2060\ufeff', '138'],
    ['lone high surrogate', 'a\ud800b', 'ab'],
    ['lone low surrogate', 'a\udc00b', 'ab'],
    ['a real surrogate pair stays', '赞👍', '赞👍'],
    ['newlines stay, CR LF becomes LF, tab a space', '一\r\n二\r三\n四\t五', '一\n二\n三\n四 五'],
  ])('strips %s', (_name, input, expected) => expect(cleanCitizenText(input)).toBe(expected));

  it('cleans before the length check, so hidden characters cannot make a comment too long', () => {
    expect(CitizenText(3).parse('好\u200b\u200b\u200b\u200b评')).toBe('好评');
    expect(CitizenText(3).safeParse('好评好评').success).toBe(false);
  });

  it('cleans the ballot comment and the sheet comment and notes in their request schemas', () => {
    const ballot = SubmitBallotRequest.parse({ clientBallotId: '0f8fad5b-d9cb-469f-a165-70867728950e', token: 't', answers: { a: 'b' }, comment: '\u202e差评\u0000\u001b' });
    expect(ballot.comment).toBe('差评');
    const sheet = SubmitSheetRequest.parse({ clientBallotId: '0f8fad5b-d9cb-469f-a165-70867728950e', roundId: 'r1', targetId: 's1', kind: 'instant', answers: { a: 'b' }, comment: 'x\u0000', notes: 'y\u2067' });
    expect([sheet.comment, sheet.notes]).toEqual(['x', 'y']);
  });
});
