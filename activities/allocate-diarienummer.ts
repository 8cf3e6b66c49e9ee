import type { Client } from '@temporalio/client';
import { allocateDiarienummerUpdate, diariumWorkflow, diariumWorkflowId } from '../workflows/diarium';

export interface AllocateDiarienummerInput {
  arendeId: string;
  kommunkod: string;
  serie: string;
  year: number;
  pattern: string;
}

/** Draws the next diarienummer of the series and year from its diarium workflow (started on first use). */
export function makeAllocateDiarienummer(client: Client, taskQueue: string) {
  return async function allocateDiarienummer(input: AllocateDiarienummerInput): Promise<string> {
    const workflowId = diariumWorkflowId(input.kommunkod, input.serie, input.year);
    try {
      await client.workflow.start(diariumWorkflow, {
        workflowId,
        taskQueue,
        args: [{ kommunkod: input.kommunkod, serie: input.serie, year: input.year, pattern: input.pattern }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    }
    const handle = client.workflow.getHandle(workflowId);
    return handle.executeUpdate(allocateDiarienummerUpdate, {
      args: [{ arendeId: input.arendeId }],
      updateId: `dnr-${input.arendeId}`,
    });
  };
}
