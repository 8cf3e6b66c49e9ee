import { condition } from '@temporalio/workflow';
import { nowMs } from './clock';

/**
 * Serving one stage: run the stage's automatic step (`tick`), then wait for the next queued action, a wake-up time,
 * a due alarm or a nudge (a signal the stage should look at), and go round until the stage changes. Only the waiting
 * creates a timer (one `condition` with the nearest time), so a stage that has nothing timed waits without one.
 */
export interface Alarm {
  /** When the alarm is due (undefined: not set). */
  at(): Date | undefined;
  /** Runs when due; the wait then goes on (the alarm is expected to move or clear itself). */
  ring(): Promise<void>;
}

export interface ServeLoop<T> {
  inStage(): boolean;
  /** The automatic step, first and after every action or wake-up. */
  tick?: () => Promise<void> | void;
  /** The next moment `tick` has work. */
  wakeAt?: () => Date | undefined;
  /** Before every wait: recompute what the query shows, then continue as new if due and quiet. */
  refresh(): void;
  continueAsNewIfDue(): Promise<void>;
  /** The next queued item, if any. */
  take(): T | undefined;
  queued(): number;
  /** True once after a nudge. */
  nudged(): boolean;
  takeNudge(): void;
  alarm: Alarm;
  handle(item: T): Promise<void>;
}

/** Keep the awaits as they are: they decide where an update's answer and the next timer fall in the history. */
export async function serveStage<T>(loop: ServeLoop<T>): Promise<void> {
  while (loop.inStage()) {
    if (loop.tick) {
      await loop.tick();
      if (!loop.inStage()) break;
    }
    loop.refresh();
    await loop.continueAsNewIfDue();
    const item = await nextItem(loop, loop.wakeAt?.());
    if (!item) continue;
    await loop.handle(item);
  }
}

/** The next item, or undefined when `wakeAt` is reached, a nudge came or the stage changed (e.g. an alarm moved it). */
async function nextItem<T>(loop: ServeLoop<T>, wakeAt: Date | undefined): Promise<T | undefined> {
  for (;;) {
    if (!loop.inStage()) return undefined;
    if (loop.queued() > 0) return loop.take();
    if (loop.nudged()) {
      loop.takeNudge();
      return undefined;
    }
    const alarm = loop.alarm.at();
    if (alarm && nowMs() >= alarm.getTime()) {
      await loop.alarm.ring();
      loop.refresh();
      continue;
    }
    if (wakeAt && nowMs() >= wakeAt.getTime()) return undefined;
    const until = [wakeAt, alarm].filter((d): d is Date => d !== undefined).sort((a, b) => a.getTime() - b.getTime())[0];
    if (until) await condition(() => loop.queued() > 0 || loop.nudged(), Math.max(1, until.getTime() - nowMs()));
    else await condition(() => loop.queued() > 0 || loop.nudged());
  }
}
