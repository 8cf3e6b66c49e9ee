import { recordJusteringSchema } from '../../domain/actions';
import { registerArendeSchema } from '../../domain/arende';
import { line, text } from '../../domain/text';
import { registrationBody } from '../fixtures/registration';

test('text: trimmed, not empty, at most max characters, no control characters (tab and newline are fine)', () => {
  expect(text(40).parse('  Ett stycke\n\tmed indrag ')).toBe('Ett stycke\n\tmed indrag');
  expect(text(20).safeParse('   ').error?.issues[0].message).toBe('får inte vara tomt');
  expect(text(5).safeParse('sex te').error?.issues[0].message).toBe('får vara högst 5 tecken');
  expect(text(20).safeParse('klock\u0007an').error?.issues[0].message).toBe('innehåller otillåtna kontrolltecken');
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
    ['tjansteutlatande.assessment.0.numbered.0', 'innehåller otillåtna kontrolltecken'],
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
