/**
 * The stage engine: what every long-running workflow of the product (the ärende, SKR's onboarding and the
 * sammanträde) is built on. A workflow is a table of stages (each a small file that reads like
 * the process) over these parts, one concern a file:
 *
 * - actor.ts        how the history names the person behind an action.
 * - failures.ts     one error vocabulary: VALIDATION_FAILED, ACTION_NOT_ALLOWED_IN_STAGE, REQUEST_ID_REUSED,
 *                   PRECONDITION_FAILED (+ the workflow's own, e.g. MINORITY_RULE_USED); `refuse` makes the
 *                   non-retryable ApplicationFailure (details[0] = fields).
 * - validation.ts   `parsePayload(schema, raw, label?)`: the action's ONE zod schema, VALIDATION_FAILED naming the fields.
 * - requests.ts     `RequestMemory`: request id → first result, bounded, carried over continue-as-new as an array.
 * - inbox.ts        queued actions (Temporal Updates): validated at once, applied one at a time by the running stage
 *                   (`take`, `perform`), checked again then; a repeated request id answers the first result.
 * - immediate.ts    immediate actions: validated the same way, applied in the handler (steps with no activity).
 * - serve.ts        `serveStage`: the stage's automatic step, then wait for an action, a wake-up, an alarm or a nudge.
 * - stages.ts       `StageTable` (run, enter, leave) and `transition`: side effects of reaching a stage are its
 *                   `enter`, run when the stage changes; `runStages` runs the stage of the moment until done.
 * - outbox.ts       work started without waiting, drained before the run ends; `continueAsNewAfter`.
 * - search-attributes.ts  `upsert` and `Published` (upsert only what changed).
 * - activity-options.ts  how steps call activities (STEP_ACTIVITIES) and the archive copy (ARCHIVE_ACTIVITIES).
 * - clock.ts        `now`, `nowIso`, `nowMs`, `today`: the workflow's (deterministic) clock; workflow files read the time only here.
 *
 * Deterministic workflow code only (docs/process.md, versioning): the engine adds no command of its own; the
 * workflow's calls decide which commands are issued and in what order.
 */
export { actorName } from './actor';
export { ERROR_CODES, isRefusal, refuse, Refused, requestIdReused, type FieldProblem, type Refusal } from './failures';
export { fieldProblems, parsePayload, validationMessage } from './validation';
export { fingerprintOf, RequestMemory } from './requests';
export { Inbox, type InboxRules, type Pending, type StoredRequest } from './inbox';
export { installImmediate, type ImmediateAction } from './immediate';
export { serveStage, type Alarm, type ServeLoop } from './serve';
export { runStages, transition, type StageDef, type StageHolder, type StageTable } from './stages';
export { continueAsNewAfter, continueAsNewDue, Outbox } from './outbox';
export { Published, upsert, type AttributePair } from './search-attributes';
export { now, nowIso, nowMs, today } from './clock';
export { ARCHIVE_ACTIVITIES, STEP_ACTIVITIES } from './activity-options';
