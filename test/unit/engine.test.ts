/** The stage engine's pure parts (workflows/engine): validation, request memory, transitions, the stage loop. */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { decideRenewalSchema as arendeRenewal } from '../../domain/actions';
import { decideRenewalSchema as onboardingRenewal } from '../../domain/onboarding-actions';
import { renews } from '../../domain/renewal';
import {
  actorName,
  fingerprintOf,
  isRefusal,
  parsePayload,
  Refused,
  RequestMemory,
  runStages,
  transition,
  validationMessage,
  type StageTable,
} from '../../workflows/engine';

const schema = z.object({ requestId: z.string().min(8), when: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'måste vara ett datum') }) });

describe('validation with the one schema', () => {
  test('a valid payload comes back parsed', () => {
    expect(parsePayload(schema, { requestId: 'req-00000001', when: { date: '2027-01-01' } })).toEqual({
      requestId: 'req-00000001',
      when: { date: '2027-01-01' },
    });
  });

  test('an invalid one is VALIDATION_FAILED naming each field once, with the rule and message', () => {
    let failure: unknown;
    try {
      parsePayload(schema, { requestId: 'kort', when: { date: 'i morgon' } }, 'Registrera beslut');
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ApplicationFailure);
    const f = failure as ApplicationFailure;
    expect(f.type).toBe('VALIDATION_FAILED');
    expect(f.nonRetryable).toBe(true);
    expect(f.message).toBe('Åtgärden "Registrera beslut" innehåller fel i: requestId, when.date');
    expect(f.details?.[0]).toEqual([
      expect.objectContaining({ field: 'requestId', rule: 'too_small' }),
      { field: 'when.date', rule: 'invalid_format', message: 'måste vara ett datum' },
    ]);
  });

  test('without a label the message speaks of the request; a body that is not an object is "(body)"', () => {
    expect(
      validationMessage([
        { field: 'a', rule: 'x', message: '' },
        { field: 'a', rule: 'y', message: '' },
      ]),
    ).toBe('Begäran innehåller fel i: a');
    expect(() => parsePayload(schema, 'text')).toThrow('Begäran innehåller fel i: (body)');
  });
});

test('request memory: the first entry per id, the newest ones kept, changed in place (carried as it is)', () => {
  const entries: Array<[string, number]> = [['a', 1]];
  const memory = new RequestMemory(entries, 3);
  memory.remember('b', 2);
  memory.remember('c', 3);
  memory.remember('d', 4);
  expect(memory.get('a')).toBeUndefined();
  expect(memory.get('d')).toBe(4);
  expect(entries.map(([id]) => id)).toEqual(['b', 'c', 'd']);
  expect(fingerprintOf('add', { amount: 1 })).not.toBe(fingerprintOf('add', { amount: 2 }));
});

test('refusals: Refused (and any Error with code and fields) is one; other errors are bugs', () => {
  expect(isRefusal(new Refused('PRECONDITION_FAILED', 'inte än'))).toBe(true);
  expect(isRefusal(Object.assign(new Error('x'), { code: 'X', fields: [] }))).toBe(true);
  expect(isRefusal(new Error('bug'))).toBe(false);
  expect(actorName({ name: 'Sara', role: 'nämndsekreterare' })).toBe('Sara (nämndsekreterare)');
  expect(actorName({ name: 'Sara' })).toBe('Sara');
});

describe('stage table', () => {
  type S = 'a' | 'b' | 'c';
  const log: string[] = [];
  const table: StageTable<string[], S> = {
    a: { run: async () => undefined, leave: (l, to, why) => void l.push(`leave a → ${to} (${why})`) },
    b: { run: async () => undefined, enter: (l, from) => void l.push(`enter b from ${from}`) },
  };

  test('transition: records, then the old stage leaves and the new one enters; the same stage again is nothing', () => {
    const holder = { stage: 'a' as S };
    expect(transition(table, log, holder, 'b', (from, to) => log.push(`${from}→${to}`), 'klart')).toBe(true);
    expect(transition(table, log, holder, 'b', () => log.push('again'))).toBe(false);
    expect(log).toEqual(['a→b', 'leave a → b (klart)', 'enter b from a']);
  });

  test('runStages runs the stage of the moment until done; a stage without an entry goes to `otherwise`', async () => {
    const holder = { stage: 'a' as S };
    const seen: S[] = [];
    const moves: Record<S, S> = { a: 'b', b: 'c', c: 'c' };
    const run = async () => {
      seen.push(holder.stage);
      holder.stage = moves[holder.stage];
    };
    await runStages({ a: { run }, b: { run } }, null, holder, { done: (s) => s === 'c' });
    expect(seen).toEqual(['a', 'b']);
    const other = { stage: 'c' as S };
    const otherwise = jest.fn(async () => void (other.stage = 'a'));
    await runStages<null, S>({}, null, other, { done: (s) => s === 'a', otherwise });
    expect(otherwise).toHaveBeenCalledTimes(1);
  });
});

test('one renewal vocabulary: fornya/uttrade; renew/end still accepted and read as the same', () => {
  const base = { requestId: 'req-00000001', actor: { name: 'Sara' } };
  for (const schema of [arendeRenewal, onboardingRenewal]) {
    expect(schema.parse({ ...base, decision: 'fornya' }).decision).toBe('fornya');
    expect(schema.parse({ ...base, decision: 'renew' }).decision).toBe('fornya');
    expect(schema.parse({ ...base, decision: 'end' }).decision).toBe('uttrade');
    expect(schema.safeParse({ ...base, decision: 'kanske' }).success).toBe(false);
  }
  expect([renews('fornya'), renews('renew'), renews('uttrade'), renews('end'), renews(undefined)]).toEqual([true, true, false, false, false]);
});
