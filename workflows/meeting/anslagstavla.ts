import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { GENESIS_HASH, logEntryText, type BoardEvent, type BoardNotice } from '../../domain/meeting/anslagstavla';
import { stockholmMidnight } from '../../domain/iso-date';
import { nowIso, nowMs, today as todayInStockholm } from '../engine/clock';
import { boardQuery, postNoticeUpdate, type BoardInput, type BoardState } from './messages';

const { sealBoardEntry } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * The municipality's digital anslagstavla (KL 8 kap. 9–13 §§, domain/meeting/anslagstavla.ts) as a durable entity:
 * notices are posted to it; each goes up on its first day and comes down by itself the day after the appeal period
 * ends (a durable timer), and each going up and coming down is written to the hash-chained log. Notices that came
 * down stay in the state (the log names them); continue-as-new carries both.
 */
export async function anslagstavlaWorkflow(input: BoardInput): Promise<void> {
  const state: BoardState = { kommunkod: input.kommunkod, notices: input.notices ?? [], log: input.log ?? [] };
  let posted = 0;
  let changed = 0;

  setHandler(boardQuery, () => state);
  setHandler(
    postNoticeUpdate,
    (notice) => {
      const known = state.notices.find((n) => n.id === notice.id);
      if (known) return known;
      const copy: BoardNotice = { ...notice };
      delete copy.wentUpAt;
      delete copy.cameDownAt;
      state.notices.push(copy);
      posted += 1;
      return copy;
    },
    {
      validator: (notice) => {
        if (!notice || typeof notice.id !== 'string' || notice.upDate >= notice.downDate) throw new Error('ogiltigt anslag');
      },
    },
  );

  const record = async (event: BoardEvent, n: BoardNotice) => {
    const at = nowIso();
    if (event === 'upp') n.wentUpAt = at;
    else n.cameDownAt = at;
    const entry = {
      seq: state.log.length + 1,
      at,
      event,
      noticeId: n.id,
      upDate: n.upDate,
      downDate: n.downDate,
      prevHash: state.log.at(-1)?.hash ?? GENESIS_HASH,
    };
    state.log.push({ ...entry, hash: await sealBoardEntry(logEntryText(entry)) });
    changed += 1;
  };

  for (;;) {
    const today = todayInStockholm();
    const due = state.notices.find((n) => (!n.wentUpAt && n.upDate <= today) || (n.wentUpAt && !n.cameDownAt && n.downDate <= today));
    if (due) {
      await record(due.wentUpAt ? 'ned' : 'upp', due);
      continue;
    }
    if (changed >= 200 || workflowInfo().continueAsNewSuggested) break;
    const next = state.notices.flatMap((n) => (!n.wentUpAt ? [n.upDate] : !n.cameDownAt ? [n.downDate] : [])).sort()[0];
    const seen = posted;
    if (next) await condition(() => posted !== seen, Math.max(1, stockholmMidnight(next).getTime() - nowMs()));
    else await condition(() => posted !== seen);
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof anslagstavlaWorkflow>({ kommunkod: state.kommunkod, notices: state.notices, log: state.log });
}
