import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { isIsoDate } from '../domain/iso-date';
import { isKommunkod, type PopulationUpdate } from '../domain/municipalities';
import { CONNECTION_STATUSES } from '../domain/connection-import';
import {
  applyConnectionImportUpdate,
  connectionImportsQuery,
  connectionsQuery,
  type ApplyConnectionImport,
  type ConnectionImportRecord,
  type ProgramConnection,
  applyPopulationImportUpdate,
  populationImportsQuery,
  populationOverridesQuery,
  type PopulationImportRecord,
  type RegistryInput,
  type ApplyPopulationImport,
} from './onboarding-messages';
import { nowIso } from './engine/clock';

/** Imports remembered (for the list and for repeated requests); the overrides themselves are all kept. */
const REMEMBERED_IMPORTS = 200;

/**
 * The municipality registry's population figures imported over the reference data (id `kommunregister`): an entity
 * workflow holding the newest figure per municipality. The CSV is validated by the web process against the registry
 * (domain/municipalities.ts parsePopulationImport: all or nothing); this workflow applies a validated import
 * atomically and records it once per requestId.
 */
export async function registryWorkflow(input: RegistryInput = {}): Promise<void> {
  const overrides = new Map<string, PopulationUpdate>((input.overrides ?? []).map((u) => [u.kommunkod, u]));
  const imports: PopulationImportRecord[] = [...(input.imports ?? [])];
  let appliedThisRun = 0;
  // Imported connection status (issue 15 p. 6): handlers and queries only, no commands; older runs carry none.
  const connections = new Map<string, ProgramConnection>((input.connections ?? []).map((c) => [`${c.program}/${c.kommunkod}`, c]));
  const connectionImports: ConnectionImportRecord[] = [...(input.connectionImports ?? [])];
  setHandler(connectionsQuery, () => [...connections.values()].sort((a, b) => (a.program + a.kommunkod < b.program + b.kommunkod ? -1 : 1)));
  setHandler(connectionImportsQuery, () => connectionImports);
  setHandler(
    applyConnectionImportUpdate,
    (request) => {
      const known = connectionImports.find((i) => i.requestId === request.requestId);
      if (known) return known;
      for (const u of request.updates) {
        connections.set(`${request.program}/${u.kommunkod}`, {
          program: request.program,
          kommunkod: u.kommunkod,
          status: u.status,
          date: u.date,
          source: u.source,
        });
      }
      const record: ConnectionImportRecord = {
        requestId: request.requestId,
        at: nowIso(),
        actor: request.actor.name,
        program: request.program,
        count: request.updates.length,
        connected: request.updates.filter((u) => u.status === 'ansluten').length,
      };
      connectionImports.push(record);
      if (connectionImports.length > REMEMBERED_IMPORTS) connectionImports.shift();
      appliedThisRun += 1;
      return record;
    },
    {
      validator: (request: ApplyConnectionImport) => {
        if (connectionImports.some((i) => i.requestId === request.requestId)) return;
        const bad = request.updates.find(
          (u) => !isKommunkod(u.kommunkod) || !(CONNECTION_STATUSES as readonly string[]).includes(u.status) || !isIsoDate(u.date) || !u.source,
        );
        if (request.updates.length === 0 || request.updates.length > 290 || bad || !request.program) {
          throw ApplicationFailure.create({
            type: 'VALIDATION_FAILED',
            message: bad ? `Felaktig rad för kommunkod ${bad.kommunkod}` : 'En import ska ha 1–290 rader',
            nonRetryable: true,
          });
        }
        const older = request.updates.find((u) => {
          const current = connections.get(`${request.program}/${u.kommunkod}`);
          return current !== undefined && u.date < current.date;
        });
        if (older) {
          throw ApplicationFailure.create({
            type: 'VALIDATION_FAILED',
            message: `Anslutningsstatusen för ${older.kommunkod} (${older.date}) är äldre än den redan importerade`,
            nonRetryable: true,
          });
        }
      },
    },
  );

  setHandler(populationOverridesQuery, () => [...overrides.values()].sort((a, b) => (a.kommunkod < b.kommunkod ? -1 : 1)));
  setHandler(populationImportsQuery, () => imports);
  setHandler(
    applyPopulationImportUpdate,
    (request) => {
      const known = imports.find((i) => i.requestId === request.requestId);
      if (known) return known;
      for (const u of request.updates) overrides.set(u.kommunkod, { kommunkod: u.kommunkod, population: u.population, populationDate: u.populationDate });
      const record: PopulationImportRecord = {
        requestId: request.requestId,
        at: nowIso(),
        actor: request.actor.name,
        ...(request.source ? { source: request.source } : {}),
        count: request.updates.length,
      };
      imports.push(record);
      if (imports.length > REMEMBERED_IMPORTS) imports.shift();
      appliedThisRun += 1;
      return record;
    },
    {
      validator: (request: ApplyPopulationImport) => {
        if (imports.some((i) => i.requestId === request.requestId)) return;
        const bad = request.updates.find(
          (u) => !isKommunkod(u.kommunkod) || !Number.isSafeInteger(u.population) || u.population < 0 || !isIsoDate(u.populationDate),
        );
        if (request.updates.length === 0 || request.updates.length > 290 || bad) {
          throw ApplicationFailure.create({
            type: 'VALIDATION_FAILED',
            message: bad ? `Felaktig rad för kommunkod ${bad.kommunkod}` : 'En import ska ha 1–290 rader',
            nonRetryable: true,
          });
        }
        const older = request.updates.find((u) => {
          const current = overrides.get(u.kommunkod);
          return current !== undefined && u.populationDate < current.populationDate;
        });
        if (older) {
          throw ApplicationFailure.create({
            type: 'VALIDATION_FAILED',
            message: `Folkmängden för ${older.kommunkod} (${older.populationDate}) är äldre än registrets uppgift`,
            nonRetryable: true,
          });
        }
      },
    },
  );

  await condition(() => appliedThisRun >= 100 || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof registryWorkflow>({
    overrides: [...overrides.values()],
    imports,
    // only when there is any, so that the input of a run without connection imports stays as it was
    ...(connections.size > 0 || connectionImports.length > 0 ? { connections: [...connections.values()], connectionImports } : {}),
  });
}
