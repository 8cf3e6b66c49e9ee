import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import type { Activities } from '../activities';
import { actorName } from '../domain/actions';
import type { DocumentRef } from '../domain/documents/ref';
import { feeScheduleForYears, nationalRateForYear, rateTable, type FeeYear, type NationalRate, type RegionalRate } from '../domain/fees';
import { addDays, stockholmDate, stockholmMidnight, type IsoDate } from '../domain/iso-date';
import { ONBOARDING_ACTION_SCHEMAS, PARTY_LABELS, type MunicipalityDecision, type OnboardingActionInput, type Party } from '../domain/onboarding-actions';
import {
  actionNotAllowedMessage,
  isOnboardingActionAllowed,
  ONBOARDING_STAGE_LABELS,
  type OnboardingAction,
  type OnboardingStage,
} from '../domain/onboarding-stages';
import { agreementFees as agreementFeeTerms, agreementNumber, defaultStartDate } from '../domain/onboarding-terms';
import { agreementFees, agreementParties, feeStatementData, regionalTerms } from './agreement-texts';
import { PROGRAMMES, periodFor, renewalPeriod, startDateProblems, type AppliedPeriod, type Programme } from '../domain/programmes';
import { formatKronor } from '../domain/money';
import { handlingKey } from '../domain/document-identity';
import {
  adoptionDecidedSignal,
  adoptionHandoverSignal,
  adoptionWithdrawnSignal,
  ONBOARDING_ERRORS,
  ONBOARDING_UPDATES,
  onboardingStateQuery,
  type Agreement,
  type OnboardingInput,
  type OnboardingState,
  type OnboardingUpdateResult,
} from './onboarding-messages';
import { KIND, KOMMUN, LAN, NEXT_DEADLINE, PROGRAM, STAGE } from './search-attributes';

const { renderDocument, municipalityBasis, requestSignature, notifyArende } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** The archive copy is retried a few times, not for ever: a continue-as-new waits for it (see `archive` below). */
const { archiveDocument } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** The learning platform is outside the product: retried patiently, keyed so that a retry creates nothing twice. */
const { provisionAccounts } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** How many handled requests are remembered (across continue-as-new) to record a repeated request once. */
const REMEMBERED_REQUESTS = 200;

/**
 * SKR's onboarding of one municipality to a programme: invitation, interest, the municipality's decision, the
 * agreement signed by both parties, accounts on the learning platform, the active years with a fee statement per
 * fee year, and renewal or exit at the end of the period. One workflow per municipality and programme
 * (`anslutning-<kommunkod>-<program>`); it continues as new after each fee year.
 */
export async function onboardingWorkflow(input: OnboardingInput): Promise<void> {
  const now = () => new Date().toISOString();
  const today = () => stockholmDate(new Date());
  const state: OnboardingState = input.carried ?? {
    id: workflowInfo().workflowId,
    kommunkod: input.kommunkod,
    program: input.program,
    stage: 'inbjuden',
    cycle: 1,
    invitedAt: now(),
    accounts: {},
    feeStatements: [],
    documents: [],
    timeline: [
      {
        at: now(),
        actor: actorName(input.invitation.actor),
        action: 'invite',
        text: input.startedBy
          ? `Anslutningen startad av kommunens beslut i Beslutsflöde (ärende ${input.startedBy.diarienummer ?? input.startedBy.arendeId})`
          : input.invitation.message
            ? `Kommunen bjuden in: ${input.invitation.message}`
            : 'Kommunen bjuden in',
        requestId: input.invitation.requestId,
      },
    ],
    requests: [[input.invitation.requestId, { stage: 'inbjuden', recorded: true }]],
  };

  const note = (actor: string, action: string, text: string, requestId?: string) =>
    state.timeline.push({ at: now(), actor, action, text, ...(requestId ? { requestId } : {}) });

  let nextDeadline: IsoDate | undefined;
  const publish = () =>
    upsertSearchAttributes([
      { key: KIND, value: 'anslutning' },
      { key: KOMMUN, value: state.kommunkod },
      { key: LAN, value: state.kommunkod.slice(0, 2) },
      { key: PROGRAM, value: state.program },
      { key: STAGE, value: state.stage },
      { key: NEXT_DEADLINE, value: nextDeadline ? stockholmMidnight(nextDeadline) : null },
    ] as Parameters<typeof upsertSearchAttributes>[0]);

  const moveTo = (stage: OnboardingStage) => {
    state.stage = stage;
    publish();
  };

  // ------------------------------------------------------------ the municipality's decision

  const applyDecision = (decision: MunicipalityDecision, source: 'registrerat' | 'beslutsflode', actor: string, requestId?: string, arendeId?: string) => {
    state.decision = { ...decision, source, ...(arendeId ? { arendeId } : {}) };
    const where = `${decision.organ} ${decision.date} § ${decision.paragraph}`;
    if (decision.outcome === 'avslag') {
      note(actor, 'registerDecision', `Kommunen har beslutat att inte ansluta (${where})`, requestId);
      moveTo('avbojt');
      return;
    }
    note(actor, 'registerDecision', `Kommunen har beslutat att ansluta (${where})`, requestId);
    state.nextAgreement = { reason: 'beslut', terms: decision.terms ?? {} };
    moveTo('avtal_forbereds');
  };

  // ------------------------------------------------------------ the agreement's terms
  // (defined before the handlers: a buffered update is validated as soon as its handler is set)

  const programme = (): Programme => {
    const p = PROGRAMMES[state.program];
    if (!p) throw ApplicationFailure.create({ type: 'UNKNOWN_PROGRAMME', message: `Programmet ${state.program} finns inte`, nonRetryable: true });
    return p;
  };

  /** The period an agreement written for `next` would have (also checked by the validators, before it is accepted). */
  const plannedPeriod = (next: NonNullable<OnboardingState['nextAgreement']>, decisionDate?: IsoDate): AppliedPeriod => {
    const previous = state.agreement;
    const p = programme();
    if (next.reason === 'fornyelse' && previous) return renewalPeriod(p, previous.period.end, next.terms.endDate);
    const keepPrevious = next.reason === 'ny_version' && previous !== undefined;
    const start = next.terms.startDate ?? (keepPrevious ? previous.period.start : defaultStartDate(decisionDate ?? state.decision?.date ?? today(), p.defaultStart));
    const period = periodFor(p, start);
    const end = next.terms.endDate ?? (keepPrevious && !next.terms.startDate ? previous.period.end : period.end);
    return { ...period, end };
  };

  /** Validator check: the terms must give an agreement that ends after it starts. */
  const checkTerms = (next: NonNullable<OnboardingState['nextAgreement']>, decisionDate?: IsoDate) => {
    // A start in the past, or before the programme's period allows, is refused (domain/programmes.ts).
    const startProblems = next.terms.startDate ? startDateProblems(programme(), next.terms.startDate, today()) : [];
    if (startProblems.length > 0) {
      throw ApplicationFailure.create({
        type: ONBOARDING_ERRORS.validation,
        message: `Begäran innehåller fel i: terms.startDate`,
        details: [startProblems.map((message) => ({ field: 'terms.startDate', rule: 'invalid', message }))],
        nonRetryable: true,
      });
    }
    const period = plannedPeriod(next, decisionDate);
    if (period.end <= period.start) {
      const message = `avtalet skulle börja ${period.start} och sluta ${period.end}: slutdatum måste komma efter startdatum`;
      throw ApplicationFailure.create({
        type: ONBOARDING_ERRORS.validation,
        message: `Begäran innehåller fel i: terms.endDate`,
        details: [[{ field: 'terms.endDate', rule: 'invalid', message }]],
        nonRetryable: true,
      });
    }
  };

  // ------------------------------------------------------------ human actions (updates)

  const remembered = (requestId: string) => state.requests.find(([id]) => id === requestId)?.[1];

  function action<A extends OnboardingAction>(
    name: A,
    apply: (input: OnboardingActionInput[A], actor: string) => void,
    check?: (input: OnboardingActionInput[A]) => void,
  ) {
    const schema = ONBOARDING_ACTION_SCHEMAS[name] as unknown as z.ZodType<OnboardingActionInput[A]>;
    const parse = (raw: unknown): OnboardingActionInput[A] => {
      const result = schema.safeParse(raw);
      if (result.success) return result.data;
      const fields = result.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(body)',
        rule: i.code === 'custom' ? 'invalid' : i.code,
        message: i.message,
      }));
      throw ApplicationFailure.create({
        type: ONBOARDING_ERRORS.validation,
        message: `Begäran innehåller fel i: ${[...new Set(fields.map((f) => f.field))].join(', ')}`,
        details: [fields],
        nonRetryable: true,
      });
    };
    const update = ONBOARDING_UPDATES[name] as unknown as Parameters<typeof setHandler>[0];
    setHandler(
      update as never,
      ((raw: unknown): OnboardingUpdateResult => {
        const input = parse(raw);
        const known = remembered(input.requestId);
        if (known) return { ...known, recorded: false };
        apply(input, actorName(input.actor));
        const result: OnboardingUpdateResult = {
          stage: state.stage,
          recorded: true,
          ...(state.agreement ? { agreementVersion: state.agreement.version } : {}),
        };
        state.requests.push([input.requestId, result]);
        if (state.requests.length > REMEMBERED_REQUESTS) state.requests.shift();
        return result;
      }) as never,
      {
        validator: ((raw: unknown) => {
          const input = parse(raw);
          if (remembered(input.requestId)) return; // the same request again: answered with the first result
          if (!isOnboardingActionAllowed(state.stage, name)) {
            throw ApplicationFailure.create({
              type: ONBOARDING_ERRORS.notAllowed,
              message: actionNotAllowedMessage(state.stage, name),
              details: [{ stage: state.stage, action: name }],
              nonRetryable: true,
            });
          }
          check?.(input);
        }) as never,
      },
    );
  }

  const checkVersion = (input: { version: number; party: 'kommun' | 'skr' }) => {
    const agreement = state.agreement;
    if (!agreement || agreement.version !== input.version) {
      throw ApplicationFailure.create({
        type: ONBOARDING_ERRORS.versionMismatch,
        message: `Avtalet som gäller är version ${agreement?.version ?? '–'}, inte version ${input.version}`,
        nonRetryable: true,
      });
    }
    if (agreement.signatures[input.party]) {
      throw ApplicationFailure.create({
        type: ONBOARDING_ERRORS.alreadySigned,
        message: `Avtalet version ${agreement.version} är redan undertecknat av ${PARTY_LABELS[input.party]}`,
        nonRetryable: true,
      });
    }
  };

  action('invite', (input, actor) => {
    state.cycle += 1;
    state.invitedAt = now();
    delete state.decision;
    delete state.linkedArendeId;
    delete state.nextAgreement;
    note(actor, 'invite', input.message ? `Kommunen bjuden in igen: ${input.message}` : 'Kommunen bjuden in igen', input.requestId);
    moveTo('inbjuden');
  });

  action('expressInterest', (input, actor) => {
    if (input.contact) state.contact = input.contact;
    note(actor, 'expressInterest', `Kommunen har anmält intresse${input.contact ? ` (kontaktperson ${input.contact.name})` : ''}`, input.requestId);
    moveTo('intresserad');
  });

  action('linkAdoption', (input, actor) => {
    if (input.arendeId) state.linkedArendeId = input.arendeId;
    if (input.diarienummer) state.linkedDiarienummer = input.diarienummer;
    note(actor, 'linkAdoption', `Kommunens beslut bereds i Beslutsflöde (ärende ${input.diarienummer ?? input.arendeId})`, input.requestId);
    moveTo('beslut_pagar');
  });

  action(
    'registerDecision',
    (input, actor) => {
      const { requestId: _r, actor: _a, ...decision } = input;
      applyDecision(decision, 'registrerat', actor, input.requestId);
    },
    (input) => {
      if (input.outcome === 'bifall') checkTerms({ reason: 'beslut', terms: input.terms ?? {} }, input.date);
    },
  );

  action(
    'signAgreement',
    (input, actor) => {
      const agreement = state.agreement as Agreement;
      agreement.signatures[input.party] = {
        name: input.signer.name,
        title: input.signer.title,
        at: now(),
        ...(input.signer.userId ? { userId: input.signer.userId } : {}),
      };
      note(actor, 'signAgreement', `Avtalet version ${agreement.version} undertecknat av ${PARTY_LABELS[input.party]} (${input.signer.name}, ${input.signer.title})`, input.requestId);
      if (agreement.signatures.kommun && agreement.signatures.skr) moveTo('kontotilldelning');
    },
    checkVersion,
  );

  action(
    'rejectAgreement',
    (input, actor) => {
      const agreement = state.agreement as Agreement;
      agreement.rejection = { party: input.party, comment: input.comment, at: now() };
      note(actor, 'rejectAgreement', `Avtalet version ${agreement.version} avvisat av ${PARTY_LABELS[input.party]}: ${input.comment}`, input.requestId);
      moveTo('avtal_avvisat');
    },
    checkVersion,
  );

  action(
    'reviseAgreement',
    (input, actor) => {
      state.nextAgreement = { reason: 'ny_version', terms: input.terms ?? {} };
      note(actor, 'reviseAgreement', `SKR skriver en ny version av avtalet${input.comment ? `: ${input.comment}` : ''}`, input.requestId);
      moveTo('avtal_forbereds');
    },
    (input) => checkTerms({ reason: 'ny_version', terms: input.terms ?? {} }),
  );

  action(
    'decideRenewal',
    (input, actor) => {
      if (input.decision === 'uttrade') {
        note(actor, 'decideRenewal', `Kommunen träder ur programmet${input.comment ? `: ${input.comment}` : ''}`, input.requestId);
        nextDeadline = undefined;
        moveTo('avslutad');
        return;
      }
      state.nextAgreement = { reason: 'fornyelse', terms: input.terms ?? {} };
      note(actor, 'decideRenewal', `Anslutningen förnyas för en ny avtalsperiod${input.comment ? `: ${input.comment}` : ''}`, input.requestId);
      moveTo('avtal_forbereds');
    },
    (input) => {
      if (input.decision === 'fornya') checkTerms({ reason: 'fornyelse', terms: input.terms ?? {} });
    },
  );

  setHandler(adoptionDecidedSignal, (decided) => {
    if (state.stage !== 'beslut_pagar' || decided.arendeId !== state.linkedArendeId) {
      log.info('adoptionDecided ignored', { arendeId: decided.arendeId, stage: state.stage });
      return;
    }
    const { arendeId, ...decision } = decided;
    applyDecision(decision, 'beslutsflode', `Beslutsflöde (ärende ${arendeId})`, undefined, arendeId);
  });

  /** Stages in which a municipality's decision (from its ärende) starts an agreement; later ones already have one. */
  const DECIDABLE: readonly OnboardingStage[] = ['inbjuden', 'intresserad', 'beslut_pagar', 'avbojt', 'avslutad'];
  let tellNow = false;
  setHandler(adoptionHandoverSignal, (h) => {
    const { arendeId, diarienummer, terms, ...decision } = h;
    const named = diarienummer ?? arendeId;
    state.linkedArendeId = arendeId;
    if (diarienummer) state.linkedDiarienummer = diarienummer;
    state.followedBy = arendeId;
    tellNow = true;
    if (!DECIDABLE.includes(state.stage)) {
      note('system', 'linkAdoption', `Ärende ${named} följer anslutningen; avtalet finns redan (skede: ${ONBOARDING_STAGE_LABELS[state.stage]})`);
      return;
    }
    if (state.stage === 'avbojt' || state.stage === 'avslutad') {
      // A new decision after a no or an exit: a new cycle, as an invitation would start.
      state.cycle += 1;
      delete state.nextAgreement;
    }
    applyDecision({ ...decision, terms }, 'beslutsflode', `Beslutsflöde (ärende ${named})`, undefined, arendeId);
  });

  setHandler(adoptionWithdrawnSignal, (w) => {
    if (w.arendeId !== state.followedBy || state.stage === 'avslutad' || state.stage === 'avbojt') return;
    note('system', 'decisionWithdrawn', `Kommunens beslut gäller inte längre (${w.reason}); anslutningen upphör`);
    delete state.followedBy; // the ärende has left; nothing to tell it
    delete state.nextAgreement;
    nextDeadline = undefined;
    tellNow = true; // wakes a sleeping stage
    moveTo('avslutad');
  });

  setHandler(onboardingStateQuery, () => state);

  // ------------------------------------------------------------ the system's steps

  const sleepUntil = async (date: IsoDate) => {
    nextDeadline = date;
    publish();
    const ms = stockholmMidnight(date).getTime() - Date.now();
    // Same single timer as sleep(ms); a handover from an ärende (new in this version) wakes it early to tell the ärende.
    if (ms > 0) await condition(() => tellNow, ms);
    nextDeadline = undefined;
  };

  /**
   * The owner tells the ärende that follows it (state.followedBy) of every change of stage or agreement, so that
   * the ärende's own stages (avtal → väntar på start → aktiv → avslutad) follow. Added after onboardings were running:
   * guarded by a patch (docs/process.md, versioning).
   */
  let told: string | undefined;
  const tellArende = async () => {
    tellNow = false;
    if (!state.followedBy) return;
    const a = state.agreement;
    const key = [state.stage, a?.version, a?.period.start, a?.period.end, a?.signatures.kommun?.at, a?.signatures.skr?.at].join('|');
    if (key === told || !patched('onboarding-tells-arende')) return;
    told = key;
    await notifyArende({
      arendeId: state.followedBy,
      progress: {
        onboardingId: state.id,
        stage: state.stage,
        ...(a ? { agreementVersion: a.version, start: a.period.start, end: a.period.end } : {}),
        ...(a?.signatures.kommun && a.signatures.skr ? { signed: true } : {}),
      },
    });
  };

  /** Writes the next version of the agreement and sends it to both parties for signature. */
  const prepareAgreement = async () => {
    const next = state.nextAgreement ?? { reason: 'ny_version' as const, terms: {} };
    const previous = state.agreement;
    const p = programme();
    const basis = await municipalityBasis(state.kommunkod);
    const period = plannedPeriod(next);
    const organisation = next.terms.organisation ?? previous?.organisation ?? 'rss';
    const admins = next.terms.admins ?? previous?.admins ?? (state.contact ? [state.contact] : []);
    const version = (previous?.version ?? 0) + 1;
    // The agreement records its first fee year's rate as the rate table stands now (with the rates SKR has set).
    const firstYearRate = nationalRateForYear(rateTable(p.nationalRates, basis.nationalRates ?? []), Number(period.start.slice(0, 4))).rate;
    const fees = { ...agreementFeeTerms(period, basis.lanskod, organisation, basis.rss), nationalRate: firstYearRate };
    const number = agreementNumber(state.kommunkod, period.start, version);
    const agreement: Agreement = {
      version,
      period: { start: period.start, end: period.end },
      preliminary: period.preliminary,
      organisation,
      fees,
      admins,
      number,
      signatures: {},
    };
    const doc = await renderDocument({
      docId: uuid4(),
      arendeId: workflowInfo().workflowId,
      kommunkod: state.kommunkod,
      type: 'anslutningsavtal',
      data: agreementDocument(p, agreement, basis, period.regionalRates, today()),
      step: 'avtal',
      // Sent for signing: not final until both parties have signed (domain/document-identity.ts documentStatus).
      status: 'utkast',
      handling: handlingKey('anslutningsavtal', { period: agreement.period }),
      // The register numbers the versions of a document type per case; the signed agreements are versions too.
      version: state.documents.filter((d) => d.type === 'anslutningsavtal').length + 1,
      createdBy: 'SKR',
      createdAt: now(),
      diarienummer: number,
    });
    agreement.document = doc;
    state.agreement = agreement;
    state.documents.push(doc);
    delete state.nextAgreement;
    const what = next.reason === 'fornyelse' ? 'för en ny avtalsperiod' : '';
    note('system', 'agreement', `Anslutningsavtal version ${version} ${what} (${period.start}–${period.end}) skickat för underskrift till kommunen och SKR`.replace('  ', ' '));
    moveTo('avtal_signeras');
    for (const party of ['kommun', 'skr'] as const) {
      if (state.stage !== 'avtal_signeras' || state.agreement.version !== version) break;
      await requestSignature({
        workflowId: workflowInfo().workflowId,
        kommunkod: state.kommunkod,
        docId: doc.id,
        documentTitle: doc.title,
        version,
        party,
      });
    }
  };

  const provision = async () => {
    const agreement = state.agreement as Agreement;
    const { accountIds } = await provisionAccounts({
      kommunkod: state.kommunkod,
      program: state.program,
      periodStart: agreement.period.start,
      admins: agreement.admins,
    });
    state.accounts[agreement.period.start] = accountIds;
    note('system', 'provisionAccounts', `Konton skapade på lärplattformen (${accountIds.length} st)`);
    if (today() >= agreement.period.start) {
      note('system', 'start', `Anslutningen är aktiv från ${agreement.period.start}`);
      moveTo('aktiv');
    } else {
      moveTo('vantar_start');
    }
  };

  const issueFeeStatement = async (agreement: Agreement, year: FeeYear) => {
    const basis = await municipalityBasis(state.kommunkod);
    // The texts (rate of this fee year, population and its date, the RSS or "ej fastställd"): workflows/agreement-texts.ts.
    const data = feeStatementData({
      programme: programme(),
      diarienummer: agreement.number,
      date: today(),
      year,
      municipalityName: basis.partyName,
      population: { count: basis.population, asOf: basis.populationDate, source: 'SCB' },
      table: rateTable(programme().nationalRates, basis.nationalRates ?? []),
      regional: regionalTerms(periodFor(programme(), agreement.period.start).regionalRates, basis.lanskod, basis.rss, agreement.organisation),
      agreement: { number: agreement.number, start: agreement.period.start, end: agreement.period.end, preliminary: agreement.preliminary },
    });
    const fee = { national: data.national.amountOre, regional: data.regional ? data.regional.amountOre : 0, total: data.totalOre };
    const doc = await renderDocument({
      docId: uuid4(),
      arendeId: workflowInfo().workflowId,
      kommunkod: state.kommunkod,
      type: 'avgiftsunderlag',
      data,
      step: 'avgift',
      // The document register numbers the versions of a document type per case: one statement per fee year.
      version: state.documents.filter((d) => d.type === 'avgiftsunderlag').length + 1,
      createdBy: 'system',
      createdAt: now(),
      diarienummer: agreement.number,
    });
    state.documents.push(doc);
    archive(doc);
    state.feeStatements.push({
      year: year.year,
      from: year.from,
      to: year.to,
      population: basis.population,
      populationDate: basis.populationDate,
      nationalOre: fee.national,
      regionalOre: fee.regional,
      totalOre: fee.total,
      document: doc,
    });
    note('system', 'feeStatement', `Avgiftsunderlag ${year.year}: ${formatKronor(fee.total)} (${year.from}–${year.to})`);
  };

  /** The active years: a fee statement at the start of each fee year, then the end of the period. */
  const activeYear = async (): Promise<'continue' | 'continueAsNew'> => {
    const agreement = state.agreement as Agreement;
    const years = feeScheduleForYears(agreement.period.start, agreement.period.end);
    const next = years.find((y) => !state.feeStatements.some((s) => s.from === y.from));
    if (next) {
      if (today() < next.from) {
        await sleepUntil(next.from);
        return 'continue';
      }
      await issueFeeStatement(agreement, next);
      return 'continueAsNew';
    }
    const after = addDays(agreement.period.end, 1);
    if (today() < after) {
      await sleepUntil(after);
      return 'continue';
    }
    note('system', 'periodEnd', `Avtalsperioden slutade ${agreement.period.end}: förnyelse eller utträde`);
    moveTo('fornyelse');
    return 'continue';
  };

  /** The agreement with both parties' signatures (who, in what title, on which day): a new version of the document. */
  const writeSignedAgreement = async () => {
    const agreement = state.agreement as Agreement;
    const basis = await municipalityBasis(state.kommunkod);
    const doc = await renderDocument({
      docId: uuid4(),
      arendeId: workflowInfo().workflowId,
      kommunkod: state.kommunkod,
      type: 'anslutningsavtal',
      data: agreementDocument(programme(), agreement, basis, periodFor(programme(), agreement.period.start).regionalRates, today()),
      step: 'avtal_undertecknat',
      status: 'slutlig',
      handling: handlingKey('anslutningsavtal', { period: agreement.period }),
      version: state.documents.filter((d) => d.type === 'anslutningsavtal').length + 1,
      createdBy: 'system',
      createdAt: now(),
      diarienummer: agreement.number,
    });
    agreement.signedDocument = doc;
    state.documents.push(doc);
    archive(doc);
    note('system', 'agreement', `Anslutningsavtal version ${agreement.version} undertecknat av båda parter`);
  };

  /**
   * The PDF/A-2b archive copy of a final document (the signed agreement, a sent fee statement), marked on the document
   * when it is in the register. Started without waiting (a Ghostscript run) and awaited before the run continues as new.
   * The agreement sent for signature is not final (domain/document-identity.ts) and gets no copy of its own.
   */
  const archiving: Promise<unknown>[] = [];
  const archive = (doc: DocumentRef) => {
    if (!patched('archive-final-documents')) return;
    archiving.push(
      archiveDocument(doc.id).then(
        (copy) => {
          doc.archived = { sha256: copy.sha256, size: copy.size };
        },
        (err: unknown) => {
          const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
          note('system', 'archive', `Arkivexemplar (PDF/A) av ${doc.title} (version ${doc.version}) kunde inte skapas: ${why}`);
        },
      ),
    );
  };

  publish();
  for (;;) {
    await tellArende();
    switch (state.stage) {
      case 'avtal_forbereds':
        await prepareAgreement();
        break;
      case 'kontotilldelning':
        if (!(state.agreement as Agreement).signedDocument && patched('signed-agreement-document')) await writeSignedAgreement();
        await provision();
        break;
      case 'vantar_start': {
        const start = (state.agreement as Agreement).period.start;
        await sleepUntil(start);
        if (state.stage !== 'vantar_start' || today() < start) break; // woken early (the ärende's news)
        note('system', 'start', `Anslutningen är aktiv från ${start}`);
        moveTo('aktiv');
        break;
      }
      case 'aktiv':
        if ((await activeYear()) === 'continueAsNew') {
          // One run per fee year keeps the history short.
          await Promise.all(archiving.splice(0));
          await condition(allHandlersFinished);
          await continueAsNew<typeof onboardingWorkflow>({ ...input, carried: state });
        }
        break;
      default: {
        // Waiting for a person: an update moves the stage on.
        const waitingIn = state.stage;
        await condition(() => state.stage !== waitingIn || tellNow || workflowInfo().continueAsNewSuggested);
        if (state.stage === waitingIn && !tellNow) {
          await Promise.all(archiving.splice(0));
          await condition(allHandlersFinished);
          await continueAsNew<typeof onboardingWorkflow>({ ...input, carried: state });
        }
      }
    }
  }
}

function signed(s: Agreement['signatures'][Party]) {
  return s ? { name: s.name, title: s.title, date: stockholmDate(new Date(s.at)) } : undefined;
}

/** The anslutningsavtal's data: the texts are workflows/agreement-texts.ts's (shared with the adoption workflow). */
function agreementDocument(p: Programme, agreement: Agreement, basis: { partyName: string; lanskod: string; lan?: string; rss?: string; nationalRates?: NationalRate[] }, regionalRates: readonly RegionalRate[], date: IsoDate) {
  return {
    diarienummer: agreement.number,
    date,
    title: p.agreementTitle,
    parties: agreementParties(p, basis.partyName),
    purpose: [p.purpose],
    programmeParts: p.parts.map((part) => ({ name: part.name, description: part.description })),
    fees: agreementFees({
      programme: p,
      table: rateTable(p.nationalRates, basis.nationalRates ?? []),
      period: { ...agreement.period, preliminary: agreement.preliminary },
      regional: regionalTerms(regionalRates, basis.lanskod, basis.rss, agreement.organisation),
      ...(basis.lan ? { lan: basis.lan } : {}),
    }),
    period: agreement.period,
    terms: [
      {
        heading: 'Kontoadministration',
        blocks: [
          agreement.admins.length > 0
            ? `Kommunens kontoadministratörer på lärplattformen: ${agreement.admins.map((a) => `${a.name} (${a.email})`).join(', ')}.`
            : 'Kommunen utser kontoadministratörer på lärplattformen.',
        ],
      },
    ],
    // Who signed for each party (the signed-in person and the title of their signing right) and on which day.
    signatures: {
      skr: [signed(agreement.signatures.skr) ?? { name: 'Behörig företrädare', title: p.owner.name }],
      municipality: [signed(agreement.signatures.kommun) ?? { name: 'Behörig företrädare', title: basis.partyName }],
    },
  };
}
