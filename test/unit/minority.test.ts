import { recordDecisionSchema } from '../../domain/actions';
import { isMinorityRuleMet, minorityNeeded } from '../../domain/minority';

test('KL 5 kap. 50 §: at least one third of those present, counted exactly', () => {
  expect(isMinorityRuleMet(101, 34)).toBe(true);
  expect(isMinorityRuleMet(101, 33)).toBe(false); // 33 × 3 = 99 < 101
  expect(isMinorityRuleMet(99, 33)).toBe(true);
  expect(isMinorityRuleMet(100, 33)).toBe(false);
  expect(isMinorityRuleMet(100, 34)).toBe(true);
  expect(isMinorityRuleMet(3, 1)).toBe(true);
  expect(isMinorityRuleMet(10, 11)).toBe(false); // more asking than present
  expect(isMinorityRuleMet(0, 0)).toBe(false);
  expect(minorityNeeded(101)).toBe(34);
  expect(minorityNeeded(99)).toBe(33);
  expect(minorityNeeded(61)).toBe(21);
});

const base = { requestId: 'req-000001', actor: { name: 'Sara' }, paragraph: 3 };

test('recordDecision: counts only with minority, never more asking than present; the old flag alone still parses', () => {
  const counted = recordDecisionSchema.safeParse({
    ...base,
    outcome: 'aterremiss',
    reason: 'Utred kostnaderna.',
    minority: true,
    membersPresent: 61,
    membersRequesting: 21,
  });
  expect(counted.success).toBe(true);
  // The old shape (only the flag) parses, so that recorded histories replay; the workflow's validator refuses it for new requests.
  expect(recordDecisionSchema.safeParse({ ...base, outcome: 'bordlaggning', minority: true }).success).toBe(true);
  const withoutFlag = recordDecisionSchema.safeParse({ ...base, outcome: 'bordlaggning', membersPresent: 61, membersRequesting: 21 });
  expect(withoutFlag.success ? [] : withoutFlag.error.issues.map((i) => i.path.join('.'))).toEqual(['minority']);
  const tooMany = recordDecisionSchema.safeParse({ ...base, outcome: 'bordlaggning', minority: true, membersPresent: 20, membersRequesting: 21 });
  expect(tooMany.success ? [] : tooMany.error.issues.map((i) => i.path.join('.'))).toEqual(['membersRequesting']);
});

test('recordDecision: omedelbar justering is a choice, default not chosen, only for bifall and avslag', () => {
  const plain = recordDecisionSchema.parse({ ...base, outcome: 'bifall' });
  expect(plain.immediateJustering).toBe(false);
  expect(recordDecisionSchema.parse({ ...base, outcome: 'avslag', immediateJustering: true }).immediateJustering).toBe(true);
  const bordlagd = recordDecisionSchema.safeParse({ ...base, outcome: 'bordlaggning', immediateJustering: true });
  expect(bordlagd.success ? [] : bordlagd.error.issues.map((i) => i.path.join('.'))).toEqual(['immediateJustering']);
});
