import { recordJusteringSchema } from '../../domain/actions';
import { registerArendeSchema } from '../../domain/arende';
import { forbiddenCharacter, line, NO_CONTROL, revealForbiddenCharacters, svCount, svInteger, text } from '../../domain/text';
import { registrationBody } from '../fixtures/registration';

test('text: trimmed, not empty, at most max characters, no control characters (tab and newline are fine)', () => {
  expect(text(40).parse('  Ett stycke\n\tmed indrag ')).toBe('Ett stycke\n\tmed indrag');
  expect(text(20).safeParse('   ').error?.issues[0].message).toBe('får inte vara tomt');
  expect(text(5).safeParse('sex te').error?.issues[0].message).toBe('får vara högst 5 tecken');
  expect(text(20).safeParse('klock\u0007an').error?.issues[0].message).toBe('innehåller ett otillåtet tecken: U+0007 (kontrolltecken)');
});

test('line: text on one line', () => {
  expect(line(40).parse('Anna Andersson')).toBe('Anna Andersson');
  expect(line(40).safeParse('Anna\nAndersson').error?.issues[0].message).toBe('ska vara en rad');
});

test('a registration with a control character deep in the tjänsteutlåtande is refused at the door, naming the field', () => {
  const body = registrationBody();
  const tjansteutlatande = { ...body.tjansteutlatande, assessment: [{ numbered: ['Förvaltningen \u0000bedömer'] }] };
  const r = registerArendeSchema.safeParse({ ...body, tjansteutlatande });
  expect(r.success).toBe(false);
  expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['tjansteutlatande.assessment.0.numbered.0', 'innehåller ett otillåtet tecken: U+0000 (kontrolltecken)'],
  ]);
});

test('names printed on one line (e.g. the justerare) may not span lines', () => {
  const r = recordJusteringSchema.safeParse({
    requestId: 'req-12345678',
    actor: { name: 'Sara' },
    date: '2027-04-30',
    chair: 'Ordförande\nOlsson',
    adjusters: ['Justerare Jansson'],
  });
  expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['chair']);
});

test('C1 controls, invisible and bidirectional characters are refused, naming the character', () => {
  const cases: Array<[string, string]> = [
    ['\u0085', 'U+0085 (kontrolltecken)'],
    ['\u009B', 'U+009B (kontrolltecken)'],
    ['\u200B', 'U+200B (osynligt tecken)'],
    ['\u202E', 'U+202E (styrtecken för skrivriktning)'],
    ['\u2066', 'U+2066 (styrtecken för skrivriktning)'],
    ['\u2028', 'U+2028 (radavgränsare som inte är en radbrytning)'],
    ['\uFEFF', 'U+FEFF (osynligt tecken)'],
    ['\uD800', 'U+D800 (ofullständigt tecken)'],
    ['\u{E0041}', 'U+E0041 (osynligt tecken)'],
  ];
  for (const [ch, named] of cases) {
    expect(forbiddenCharacter(`bi${ch}fall`)).toBe(named);
    expect(text(40).safeParse(`bi${ch}fall`).error?.issues[0].message).toBe(`innehåller ett otillåtet tecken: ${named}`);
    expect(line(40).safeParse(`bi${ch}fall`).success).toBe(false);
    expect(NO_CONTROL.test(`bi${ch}fall`)).toBe(false);
  }
});

test('ordinary Swedish text, tabs, newlines, emoji and non-Latin names pass', () => {
  for (const s of ['Åsa Öberg-Ärlig', 'Rad ett\nRad två\tindrag', '§ 12 – ”citat” «x» 🙂', 'Ĳssel Ørsted Şahin Ђорђе 李']) {
    expect(forbiddenCharacter(s)).toBeUndefined();
    expect(NO_CONTROL.test(s)).toBe(true);
  }
  expect(text(60).parse('Rad ett\nRad två')).toBe('Rad ett\nRad två');
});

test('text recorded before the rules is printed with its hidden characters shown, not refused', () => {
  const data = { title: 'bi\u202Efall', items: [{ text: 'a\u200Bb', n: 3 }], ok: 'Åsa\tÖberg\n', none: undefined };
  expect(revealForbiddenCharacters(data)).toEqual({ title: 'bi[U+202E]fall', items: [{ text: 'a[U+200B]b', n: 3 }], ok: 'Åsa\tÖberg\n', none: undefined });
  const clean = { a: ['x'], b: 'y' };
  expect(revealForbiddenCharacters(clean)).toEqual(clean);
  expect(NO_CONTROL.test(revealForbiddenCharacters('x\u0085\uD800y'))).toBe(true);
});

test('sv-SE numbers: grouped with a non-breaking space, the singular for one', () => {
  expect(svInteger(20000)).toBe((20000).toLocaleString('sv-SE'));
  expect(svInteger(20000)).toBe('20\u00a0000');
  expect(svInteger(999)).toBe('999');
  expect(svInteger(1234567)).toBe('1\u00a0234\u00a0567');
  expect(svCount(1, 'ärende', 'ärenden')).toBe('1 ärende');
  expect(svCount(0, 'ärende', 'ärenden')).toBe('0 ärenden');
  expect(svCount(2000, 'kommun', 'kommuner')).toBe('2\u00a0000 kommuner');
});
