/**
 * A tiny workflow on the stage engine (workflows/engine), for test/workflows/engine.test.ts only: a tally that is
 * opened, counted (queued actions, one at a time), renamed (an immediate action), rolled over to a new run
 * (continue-as-new carrying the request memory) and closed (the closed stage's entry records who closed it).
 */
import { defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { z } from 'zod';
import {
  actorName,
  continueAsNewAfter,
  ERROR_CODES,
  Inbox,
  installImmediate,
  Outbox,
  RequestMemory,
  Refused,
  refuse,
  runStages,
  serveStage,
  transition,
  type StageTable,
  type StoredRequest,
} from '../../workflows/engine';

type Stage = 'counting' | 'paused' | 'closed';
interface Tally {
  stage: Stage;
  name: string;
  count: number;
  runs: number;
  closedBy?: string;
  history: string[];
}
type Carried = { tally: Tally; requests: Array<[string, StoredRequest<Action, Answer>]>; names: Array<[string, Answer]> };
type Answer = { count: number; stage: Stage };

const base = { requestId: z.string().min(8, 'minst 8 tecken'), actor: z.object({ name: z.string().min(1), role: z.string().optional() }) };
const SCHEMAS = {
  add: z.object({ ...base, amount: z.number().int().positive('måste vara större än noll') }),
  rollOver: z.object(base),
  pause: z.object(base),
  resume: z.object(base),
  close: z.object(base),
};
type Action = keyof typeof SCHEMAS;
type Payload = z.infer<(typeof SCHEMAS)['add']> | z.infer<(typeof SCHEMAS)['close']>;
const ALLOWED: Record<Stage, Action[]> = { counting: ['add', 'rollOver', 'pause', 'close'], paused: ['resume'], closed: [] };

export const tallyQuery = defineQuery<Tally>('tally');
export const UPDATES = Object.fromEntries((Object.keys(SCHEMAS) as Action[]).map((a) => [a, defineUpdate<Answer, [unknown]>(a)])) as Record<
  Action,
  ReturnType<typeof defineUpdate<Answer, [unknown]>>
>;
export const renameUpdate = defineUpdate<Answer, [unknown]>('rename');

const STAGES: StageTable<Ctx, Stage> = {
  counting: { run: (ctx) => ctx.serve('counting') },
  paused: { run: (ctx) => ctx.serve('paused') },
  closed: { run: async () => undefined, enter: (ctx) => void (ctx.tally.closedBy = ctx.lastActor) },
};

class Ctx {
  lastActor = '';
  rollOver = false;
  readonly outbox = new Outbox();
  readonly inbox: Inbox<Action, Payload, Answer>;
  readonly names: RequestMemory<Answer>;

  constructor(
    readonly tally: Tally,
    carried?: Carried,
  ) {
    this.inbox = new Inbox(new RequestMemory(carried?.requests ?? [], 50), {
      schema: (a) => SCHEMAS[a] as z.ZodType<Payload>,
      label: (a) => a,
      check: (a) => (ALLOWED[this.tally.stage].includes(a) ? undefined : { code: ERROR_CODES.notAllowed, message: `${a} går inte i ${this.tally.stage}` }),
    });
    this.names = new RequestMemory(carried?.names ?? [], 50);
  }

  answer(): Answer {
    return { count: this.tally.count, stage: this.tally.stage };
  }

  async serve(stage: Stage): Promise<void> {
    await serveStage({
      inStage: () => this.tally.stage === stage,
      refresh: () => undefined,
      continueAsNewIfDue: async () => {
        if (!this.rollOver || this.inbox.length > 0) return;
        const carried: Carried = { tally: this.tally, requests: this.inbox.requests.entries, names: this.names.entries };
        await continueAsNewAfter<typeof engineFixtureWorkflow>(this.outbox, [carried], { waitForHandlers: true });
      },
      take: () => this.inbox.take(),
      queued: () => this.inbox.length,
      nudged: () => false,
      takeNudge: () => undefined,
      alarm: { at: () => undefined, ring: async () => undefined },
      handle: (item) =>
        this.inbox.perform<string>(item, {
          run: async (i) => {
            this.lastActor = actorName(i.payload.actor);
            if (i.action === 'add') {
              const amount = (i.payload as { amount: number }).amount;
              if (this.tally.count + amount > 100) throw new Refused(ERROR_CODES.precondition, 'högst 100');
              this.tally.count += amount;
            }
            if (i.action === 'rollOver') this.rollOver = true;
            const record = (from: Stage, to: Stage) => this.tally.history.push(`${from}→${to}`);
            if (i.action === 'pause') transition(STAGES, this, this.tally, 'paused', record);
            if (i.action === 'resume') transition(STAGES, this, this.tally, 'counting', record);
            if (i.action === 'close') transition(STAGES, this, this.tally, 'closed', record);
            return i.action;
          },
          missing: () => ({ code: ERROR_CODES.notAllowed, message: 'saknas' }),
          finish: () => this.answer(),
        }),
    });
  }
}

export async function engineFixtureWorkflow(carried?: Carried): Promise<Tally> {
  const tally: Tally = carried ? { ...carried.tally, runs: carried.tally.runs + 1 } : { stage: 'counting', name: 'tally', count: 0, runs: 1, history: [] };
  const ctx = new Ctx(tally, carried);
  ctx.inbox.install(UPDATES);
  installImmediate(ctx.names, (first) => first, {
    update: renameUpdate,
    schema: z.object({ ...base, name: z.string().min(1, 'ange ett namn') }),
    notAllowed: () => (tally.stage === 'counting' ? undefined : refuse({ code: ERROR_CODES.notAllowed, message: 'stängd' })),
    apply: (p) => {
      tally.name = p.name;
      return ctx.answer();
    },
  });
  setHandler(tallyQuery, () => tally);
  await runStages(STAGES, ctx, tally, { done: (s) => s === 'closed' });
  ctx.inbox.refuseAll(() => ({ code: ERROR_CODES.notAllowed, message: 'stängd' }));
  await ctx.outbox.drain();
  return tally;
}
