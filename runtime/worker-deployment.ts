/**
 * Deploying a new worker build without breaking ärenden that live for years: Temporal's Worker Versioning
 * (deployment versions). Every worker of a build polls as version `<BF_WORKER_DEPLOYMENT>.<BF_WORKER_BUILD_ID>`; once
 * the new build's workers poll, the build is made the deployment's current version and the old workers can be
 * stopped. Workflows are AUTO_UPGRADE: an ärende started on build A moves to build B at its next workflow task.
 * That is safe because of the versioning rule (docs/process.md): every change to the command sequence is behind
 * patched(), and every recorded history must replay on the new code (test/replay) before a build ships. PINNED
 * would keep each ärende on the build it started on, for years: not an option for multi-year processes.
 * Test: test/cluster/worker-versioning.test.ts (an ärende started on build A finishes its steps on build B).
 */
import type { Connection } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';

export const DEFAULT_DEPLOYMENT_NAME = 'beslutsflode';

/** The worker's deployment version from BF_WORKER_BUILD_ID (and BF_WORKER_DEPLOYMENT); undefined: unversioned. */
export function deploymentVersionFrom(env: { BF_WORKER_BUILD_ID?: string; BF_WORKER_DEPLOYMENT?: string }): WorkerDeploymentVersion | undefined {
  if (!env.BF_WORKER_BUILD_ID) return undefined;
  return { deploymentName: env.BF_WORKER_DEPLOYMENT || DEFAULT_DEPLOYMENT_NAME, buildId: env.BF_WORKER_BUILD_ID };
}

/** The SDK's worker options for a version: versioned, workflows move to the current version at their next task. */
export function workerDeploymentOptions(version: WorkerDeploymentVersion) {
  return { version, useWorkerVersioning: true as const, defaultVersioningBehavior: 'AUTO_UPGRADE' as const };
}

/**
 * Makes the version the deployment's current one: new ärenden start on it and running ones move to it. The server
 * knows a version once one of its workers has polled, so this waits (retrying) until then.
 */
export async function makeCurrentVersion(connection: Connection, namespace: string, version: WorkerDeploymentVersion, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.setWorkerDeploymentCurrentVersion({
        namespace,
        deploymentName: version.deploymentName,
        buildId: version.buildId,
        identity: `beslutsflode-deploy-${version.buildId}`,
        ignoreMissingTaskQueues: true,
      });
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`Versionen ${version.deploymentName}.${version.buildId} kunde inte göras aktuell: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
