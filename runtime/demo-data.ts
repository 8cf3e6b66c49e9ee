// Longer than 300 lines on purpose: the demo story, one scene after another, reads best in one file.
/**
 * Demo data for `npm start` on an empty data folder (BF_DEMO_DATA=on, the default): a few ärenden in different
 * municipalities and stages — among them seed 000's Stockholm ärende — driven through the same use cases as the web
 * app and the API (register, actions, meeting plans), as the demo users — and SKR's side (seedSkrDemoData): a bulk
 * invitation of Stockholms län, a few onboardings further on, through the same use cases as SKR's dashboard. Request
 * ids are fixed, so running it again records nothing twice.
 */
import { addDays, stockholmDate } from '../domain/iso-date';
import { generateMeetingPlan } from '../domain/meetings';
import { STAGE_LABELS, type Action, type Stage } from '../domain/stages';
import { performAction } from '../server/arende-actions';
import { getArende, parseRegistration, registerArende } from '../server/arenden';
import { listArendenPage } from '../server/arendelista';
import type { Principal } from '../server/auth/principal';
import type { ServerContext } from '../server/context';
import { replacePlan } from '../server/meeting-plan-change';
import { DEMO_TOKENS, DEMO_USERS } from '../demo/demo-users';
import { ONBOARDING_STAGE_LABELS, isConnected, type OnboardingAction, type OnboardingStage } from '../domain/onboarding-stages';
import { DEFAULT_PROGRAM } from '../domain/onboarding-terms';
import { ROLE_LABELS } from '../server/auth/principal';
import { ApiError } from '../server/http-errors';
import { bulkIdFor, bulkProgress, startBulk } from '../server/skr/bulk';
import { getOnboarding, performAction as performOnboardingAction } from '../server/skr/onboarding';
import type { BulkProgress } from '../workflows/onboarding-messages';
import { loadMunicipalityRegistry } from './reference-data';
import { SEED_000_ATTACHMENTS, SEED_000_PLACEHOLDERS, SEED_000_PROPOSALS, SEED_000_SECTIONS, SEED_000_SIGNATORIES, SEED_000_TITLE } from '../demo/seed-000';

type Log = (line: string) => void;

export interface DemoArende {
  id: string;
  kommun: string;
  title: string;
  stage: Stage;
}

/** True when no ärende exists at all (the data folder is new). */
export async function hasNoArenden(ctx: ServerContext): Promise<boolean> {
  if (!(await demoUsersConfigured(ctx))) return false; // not a demo installation
  const skr = await principal(ctx, DEMO_USERS.skrAdmin.id);
  return (await listArendenPage(ctx, skr, {}, { pageSize: 1 })).total === 0;
}

async function principal(ctx: ServerContext, userId: string): Promise<Principal> {
  const p = await ctx.auth.authenticator.principalFor(userId);
  if (!p) throw new Error(`Demoanvändaren ${userId} finns inte i användarfilen`);
  return p;
}

async function waitForStage(ctx: ServerContext, p: Principal, id: string, stages: Stage[], timeoutMs = 30_000): Promise<Stage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await getArende(ctx, p, id);
    if (stages.includes(state.stage) && (state.allowedActions?.length ?? 1) > 0) return state.stage;
    if (Date.now() > deadline)
      throw new Error(
        `Demoärendet ${id} nådde inte ${stages.join('/')} (är ${state.stage}; ${state.history
          .slice(-3)
          .map((h) => h.text)
          .join(' | ')})`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

const seed000Content = () => {
  const [summary, background, matter, preparation, assessment] = SEED_000_SECTIONS.map(([, blocks]) => [...blocks]);
  return {
    proposals: [...SEED_000_PROPOSALS],
    summary,
    background,
    matter,
    preparation,
    assessment,
    signatures: SEED_000_SIGNATORIES.map((s) => ({ ...s })),
    attachments: [...SEED_000_ATTACHMENTS],
  };
};

const shortContent = (kommun: string, namnd: string) => ({
  proposals: [
    `${namnd} godkänner förvaltningens förslag om att ansluta ${kommun} till Yrkesresan.`,
    `${namnd} överlämnar ärendet till kommunfullmäktige för godkännande.`,
  ],
  summary: [`Yrkesresan ger medarbetarna i ${kommun}s socialtjänst en strukturerad introduktion och kompetensutveckling.`],
  background: ['Sveriges Kommuner och Regioner (SKR) är projektägare för Yrkesresan.'],
  matter: ['Förvaltningen föreslår att kommunen ansluter sig till Yrkesresan.'],
  assessment: ['Förvaltningen bedömer att en anslutning stärker kompetensförsörjningen.'],
});

/** Seeds the demo ärenden; returns what it made. `log` gets one line per step. */
export async function seedDemoData(ctx: ServerContext, log: Log = () => undefined, now = new Date()): Promise<DemoArende[]> {
  const today = stockholmDate(now);
  const made: DemoArende[] = [];
  const as = async (userKey: keyof typeof DEMO_USERS) => principal(ctx, DEMO_USERS[userKey].id);
  const act = async (p: Principal, id: string, action: Action, key: string, payload: Record<string, unknown>) =>
    performAction(ctx, p, id, action, { requestId: `demo-${id.slice(-12)}-${key}`, ...payload });
  const register = async (p: Principal, key: string, body: Record<string, unknown>) => {
    // keepExisting: a demo ärende made by an earlier version of this seed is kept as it is (its content may differ).
    const created = await registerArende(ctx, p, parseRegistration(ctx, { requestId: `demo-${key}`, ...body }), { keepExisting: true });
    // Registered before (a second run): its steps were taken then.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = await getArende(ctx, p, created.id);
      if (state.documents.length > 0 && ((state.allowedActions?.length ?? 1) > 0 || state.stage === 'avslutad'))
        return { id: created.id, fresh: state.stage === 'utkast' && !state.referrals?.length && Object.keys(state.signatures ?? {}).length === 0 };
      if (Date.now() > deadline) throw new Error(`Demoärendet ${created.id} fick inget utkast`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const done = async (p: Principal, id: string, kommun: string, title: string) => {
    const { stage } = await getArende(ctx, p, id);
    made.push({ id, kommun, title, stage });
    log(`  ${kommun}: "${title}" – ${STAGE_LABELS[stage]}`);
  };
  const sign = async (p: Principal, id: string, who: Array<{ name: string; title: string }>) => {
    await act(p, id, 'signTjansteutlatande', 'sign-fc', { role: 'forvaltningschef', signatory: who[0] });
    await act(p, id, 'signTjansteutlatande', 'sign-ac', { role: 'avdelningschef', signatory: who[1] });
  };

  // 1. Stockholm, socialnämnden: seed 000, through beredning and signing, placed on the nämnd's next meeting.
  const sthlm = await as('stockholmSekreterare');
  const { id: seedId, fresh: seedFresh } = await register(sthlm, 'seed-000-stockholm', {
    kommunkod: '0180',
    namnd: { kod: 'SN', namn: 'Socialnämnden' },
    title: SEED_000_TITLE,
    forvaltning: 'Socialförvaltningen',
    avdelning: 'Avdelningen för strategi och utveckling',
    caseOfficer: { ...SEED_000_PLACEHOLDERS.caseOfficer },
    kfRequired: true,
    regionalOrganisation: 'egen',
    targetStart: '2027-07-01',
    tjansteutlatande: seed000Content(),
  });
  if (seedFresh) {
    // Seed 000's beredning: förvaltningsgruppen (MBL) and Rådet för funktionshinderfrågor, in parallel.
    await act(sthlm, seedId, 'sendReferrals', 'remiss', {
      referrals: [
        { recipient: 'Förvaltningsgruppen', dueDate: addDays(today, 7) },
        { recipient: 'Rådet för funktionshinderfrågor', dueDate: addDays(today, 10) },
      ],
    });
    await act(sthlm, seedId, 'recordReferralAnswer', 'svar-fg', {
      recipient: 'Förvaltningsgruppen',
      answer: 'yttrande',
      text: ['Ärendet har behandlats i förvaltningsgruppen.'],
    });
    await act(sthlm, seedId, 'recordReferralAnswer', 'svar', {
      recipient: 'Rådet för funktionshinderfrågor',
      answer: 'yttrande',
      text: ['Rådet för funktionshinderfrågor har behandlat ärendet och har inget att invända.'],
    });
    await waitForStage(ctx, sthlm, seedId, ['signering']);
    await sign(sthlm, seedId, SEED_000_SIGNATORIES);
    await waitForStage(ctx, sthlm, seedId, ['sammantrade']);
  }
  await done(sthlm, seedId, 'Stockholm', SEED_000_TITLE);

  // 2. Stockholm, äldrenämnden: a fresh draft.
  const { id: aldreId } = await register(sthlm, 'aldre-stockholm', {
    kommunkod: '0180',
    namnd: { kod: 'ÄLN', namn: 'Äldrenämnden' },
    title: 'Anslutning av äldreomsorgen till Yrkesresan Äldre',
    forvaltning: 'Äldreförvaltningen',
    caseOfficer: { name: 'Åsa Åberg', title: 'Utredare' },
    tjansteutlatande: shortContent('Stockholms stad', 'Äldrenämnden'),
  });
  await done(sthlm, aldreId, 'Stockholm', 'Anslutning av äldreomsorgen till Yrkesresan Äldre');

  // 3. Göteborg: a draft.
  const gbg = await as('goteborgSekreterare');
  const { id: gbgId } = await register(gbg, 'goteborg', {
    kommunkod: '1480',
    namnd: { kod: 'SN', namn: 'Socialnämnden Centrum' },
    title: 'Hemställan om anslutning till Yrkesresan',
    caseOfficer: { name: 'Gunnel Gustavsson', title: 'Utvecklingsledare' },
    tjansteutlatande: shortContent('Göteborgs stad', 'Socialnämnden Centrum'),
  });
  await done(gbg, gbgId, 'Göteborg', 'Hemställan om anslutning till Yrkesresan');

  // 4. Uppsala: referrals out, waiting for the answer.
  const upp = await as('uppsalaSekreterare');
  const { id: uppId, fresh: uppFresh } = await register(upp, 'uppsala', {
    kommunkod: '0380',
    namnd: { kod: 'SBN', namn: 'Socialnämnden' },
    title: 'Anslutning till Yrkesresan',
    caseOfficer: { name: 'Ulrika Uddén', title: 'Strateg' },
    tjansteutlatande: shortContent('Uppsala kommun', 'Socialnämnden'),
  });
  if (uppFresh) await act(upp, uppId, 'sendReferrals', 'remiss', { referrals: [{ recipient: 'Äldrenämnden', dueDate: addDays(today, 21) }] });
  await done(upp, uppId, 'Uppsala', 'Anslutning till Yrkesresan');

  // 5. Umeå: no KF step; the nämnd met today, decided, justerade and posted the anslag: the appeal period runs.
  const umea = await as('umeaSekreterare');
  const year = Number(today.slice(0, 4));
  const later = generateMeetingPlan('SN', 'Socialnämnden', [year, year + 1], { weekday: 2, week: 3 }).meetings.filter((m) => m.date > addDays(today, 7));
  const { id: umeaId, fresh: umeaFresh } = await register(umea, 'umea', {
    kommunkod: '2480',
    namnd: { kod: 'SN', namn: 'Socialnämnden' },
    title: 'Anslutning till Yrkesresan för individ- och familjeomsorgen',
    caseOfficer: { name: 'Ulf Utredare', title: 'Utredare' },
    kfRequired: false,
    tjansteutlatande: { ...shortContent('Umeå kommun', 'Socialnämnden'), proposals: ['Socialnämnden beslutar att Umeå kommun ansluter till Yrkesresan.'] },
  });
  if (umeaFresh) {
    await replacePlan(ctx, umea, 'SN', { organ: 'SN', name: 'Socialnämnden', meetings: [{ date: today, documentDeadline: today }, ...later] });
    await sign(umea, umeaId, [
      { name: 'Ulla Förvaltningschef', title: 'Socialdirektör' },
      { name: 'Urban Avdelningschef', title: 'Avdelningschef' },
    ]);
    await waitForStage(ctx, umea, umeaId, ['sammantrade']);
    await act(umea, umeaId, 'recordDecision', 'beslut', { outcome: 'bifall', paragraph: 87, reservations: [{ who: 'Ulrik Opposition (M)' }] });
    await act(umea, umeaId, 'recordJustering', 'justering', { date: today, chair: 'Ulla Ordförande', adjusters: ['Ulrik Justerare'] });
    await act(umea, umeaId, 'recordAnslag', 'anslag', { date: today, protocolKeptAt: 'Socialtjänsten, Umeå kommun' });
    await waitForStage(ctx, umea, umeaId, ['overklagandetid', 'avtal']);
  }
  await done(umea, umeaId, 'Umeå', 'Anslutning till Yrkesresan för individ- och familjeomsorgen');

  // 6. Umeå again: an ärende the nämnd rejected (avslag) at the same meeting; justerat, it is closed, and its
  //    e-archive package (FGS 2.0) can be downloaded from its page (docs/archival.md, "E-arkiv (FGS 2.0)").
  const { id: avslagId, fresh: avslagFresh } = await register(umea, 'umea-avslag', {
    kommunkod: '2480',
    namnd: { kod: 'SN', namn: 'Socialnämnden' },
    title: 'Anslutning till Yrkesresan för äldreomsorgen',
    caseOfficer: { name: 'Ulf Utredare', title: 'Utredare' },
    kfRequired: false,
    tjansteutlatande: { ...shortContent('Umeå kommun', 'Socialnämnden'), proposals: ['Socialnämnden beslutar att äldreomsorgen ansluter till Yrkesresan.'] },
  });
  if (avslagFresh) {
    await sign(umea, avslagId, [
      { name: 'Ulla Förvaltningschef', title: 'Socialdirektör' },
      { name: 'Urban Avdelningschef', title: 'Avdelningschef' },
    ]);
    await waitForStage(ctx, umea, avslagId, ['sammantrade']);
    await act(umea, avslagId, 'recordDecision', 'beslut', { outcome: 'avslag', paragraph: 88, decisionText: ['Socialnämnden avslår förslaget i år.'] });
    await act(umea, avslagId, 'recordJustering', 'justering', { date: today, chair: 'Ulla Ordförande', adjusters: ['Ulrik Justerare'] });
  }
  await done(umea, avslagId, 'Umeå', 'Anslutning till Yrkesresan för äldreomsorgen');

  // 7. SKR's side: invitations, interest, Stockholm's onboarding linked to seed 000, agreements signed.
  await seedSkrDemoData(ctx, log, now, seedId);

  return made;
}

export interface DemoOnboarding {
  kommunkod: string;
  kommun: string;
  stage: OnboardingStage;
}

/** The bulk invitation of Stockholms län (its requestId, so a second run finds the same operation). */
export const DEMO_BULK_REQUEST_ID = 'demo-skr-inbjudan-lan-01';

/**
 * SKR's demo onboardings, through the same use cases as SKR's dashboard (server/skr/*), as the demo SKR
 * administrator: every municipality of Stockholms län invited with one bulk operation (a workflow), a handful
 * interested, Stockholm's onboarding linked to seed 000's ärende (`seedArendeId`), and two municipalities of
 * Uppsala län through a registered decision and an agreement signed by both parties (connected, waiting for the
 * start date). Fixed request ids: a second run records nothing twice.
 */
export async function seedSkrDemoData(ctx: ServerContext, log: Log = () => undefined, now = new Date(), seedArendeId?: string): Promise<DemoOnboarding[]> {
  const today = stockholmDate(now);
  const program = DEFAULT_PROGRAM;
  const registry = loadMunicipalityRegistry();
  const admin = await principal(ctx, DEMO_USERS.skrAdmin.id);
  const actor = { name: admin.name, role: ROLE_LABELS[admin.role] };
  const nameOf = (kommunkod: string) => registry.byKode(kommunkod)?.name ?? kommunkod;
  const made: DemoOnboarding[] = [];
  const act = (kommunkod: string, action: OnboardingAction, key: string, payload: Record<string, unknown> = {}, as: Principal = admin) =>
    performOnboardingAction(ctx, registry, kommunkod, program, action, { requestId: `demo-skr-${kommunkod}-${key}`, ...payload }, as);
  const stateOf = async (kommunkod: string) => {
    const state = await getOnboarding(ctx, kommunkod, program);
    if (!state) throw new Error(`Demoanslutningen för ${kommunkod} finns inte`);
    return state;
  };
  const waitFor = async (kommunkod: string, done: (stage: OnboardingStage) => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await stateOf(kommunkod);
      if (done(state.stage)) return state;
      if (Date.now() > deadline)
        throw new Error(
          `Demoanslutningen för ${kommunkod} kom inte vidare (är ${state.stage}; ${state.timeline
            .slice(-2)
            .map((t) => t.text)
            .join(' | ')})`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const report = async (kommunkod: string, what: string) => {
    const { stage } = await stateOf(kommunkod);
    made.push({ kommunkod, kommun: nameOf(kommunkod), stage });
    log(`  SKR, ${nameOf(kommunkod)}: ${what} – ${ONBOARDING_STAGE_LABELS[stage]}`);
  };

  // 1. One bulk operation (the dashboard's, a workflow): every municipality of Stockholms län that is not connected.
  const bulkId = bulkIdFor(DEMO_BULK_REQUEST_ID);
  const existing = await bulkProgress(ctx, bulkId).catch((err) => {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  });
  if (!existing) {
    await startBulk(
      ctx,
      {
        requestId: DEMO_BULK_REQUEST_ID,
        program,
        filter: { lanskod: '01', notConnected: true },
        message: 'Välkommen att ansluta till Yrkesresan från den 1 juli 2027.',
      },
      actor,
    );
  }
  let progress: BulkProgress;
  for (const deadline = Date.now() + 30_000; ;) {
    progress = await bulkProgress(ctx, bulkId);
    if (progress.status === 'klar') break;
    if (Date.now() > deadline) throw new Error(`Demomassåtgärden ${bulkId} blev inte klar (${progress.done} av ${progress.total})`);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (progress.errors.length > 0) throw new Error(`Demomassåtgärden ${bulkId}: ${progress.errors.map((e) => `${e.kommunkod}: ${e.message}`).join('; ')}`);
  log(`  SKR: massinbjudan till Stockholms län – ${progress.invited} kommuner inbjudna${progress.skipped ? `, ${progress.skipped} redan pågående` : ''}`);

  // 2. A handful of them have expressed interest (with a contact person).
  const interested: Array<[string, string, string]> = [
    ['0114', 'Vera Väsbysson', 'yrkesresan@upplandsvasby.example'],
    ['0126', 'Hugo Huddén', 'yrkesresan@huddinge.example'],
    ['0162', 'Daniela Dahl', 'yrkesresan@danderyd.example'],
    ['0182', 'Nadja Nackström', 'yrkesresan@nacka.example'],
    ['0184', 'Sören Solberg', 'yrkesresan@solna.example'],
  ];
  for (const [kommunkod, name, email] of interested) {
    await act(kommunkod, 'expressInterest', 'intresse', { contact: { name, email } });
    await report(kommunkod, 'intresse anmält');
  }

  // 3. Stockholm's decision is prepared in Beslutsflöde: its onboarding is linked to seed 000's ärende.
  if (seedArendeId) {
    await act('0180', 'linkAdoption', 'koppling', { arendeId: seedArendeId });
    await report('0180', `kopplad till ärendet "${SEED_000_TITLE}"`);
  }

  // 4. Uppsala län: invited one by one, the municipality's decision registered, the agreement signed by both parties.
  const decided: Array<{ kommunkod: string; paragraph: number; admin: { name: string; email: string }; signer: { name: string; title: string } }> = [
    {
      kommunkod: '0305',
      paragraph: 42,
      admin: { name: 'Hanna Håbosdotter', email: 'yrkesresan@habo.example' },
      signer: { name: 'Henrik Bålsta', title: 'Kommundirektör' },
    },
    {
      kommunkod: '0360',
      paragraph: 118,
      admin: { name: 'Tore Tierpsson', email: 'yrkesresan@tierp.example' },
      signer: { name: 'Tilda Ted', title: 'Kommundirektör' },
    },
  ];
  for (const d of decided) {
    await act(d.kommunkod, 'invite', 'inbjudan');
    await act(d.kommunkod, 'registerDecision', 'beslut', {
      organ: 'Kommunfullmäktige',
      date: today,
      paragraph: d.paragraph,
      outcome: 'bifall',
      terms: { admins: [d.admin] },
    });
    const state = await waitFor(d.kommunkod, (stage) => stage === 'avtal_signeras' || isConnected(stage));
    const version = state.agreement?.version ?? 1;
    // Each party signs for itself: the municipality's signatory (a person with a signing right there, as a signing
    // service would report it) and SKR's administrator (signing right in config/users.json).
    const kommunSigner: Principal = {
      userId: `demo-${d.kommunkod}-firmatecknare`,
      name: d.signer.name,
      role: 'lasare',
      kommunkod: d.kommunkod,
      signingRight: { title: d.signer.title },
    };
    const signers = { kommun: kommunSigner, skr: admin };
    for (const party of ['kommun', 'skr'] as const) {
      // A second run is answered with the first result; a signing service (BF_SIGNING_PROVIDER=fake) may have signed.
      if (state.stage === 'avtal_signeras' && state.agreement?.signatures[party]) continue;
      await act(d.kommunkod, 'signAgreement', `signering-${party}`, { party, version }, signers[party]).catch((err) => {
        if (err instanceof ApiError && (err.code === 'ALREADY_SIGNED' || err.code === 'ACTION_NOT_ALLOWED_IN_STAGE')) return undefined; // the service was quicker
        throw err;
      });
    }
    await waitFor(d.kommunkod, (stage) => stage !== 'kontotilldelning' && isConnected(stage));
    await report(d.kommunkod, 'beslut registrerat, avtalet undertecknat av båda parter');
  }

  return made;
}

/** True when the users file is the demo one (the demo passwords work): only then are they printed. */
export async function demoUsersConfigured(ctx: ServerContext): Promise<boolean> {
  const u = DEMO_USERS.skrAdmin;
  return (await ctx.auth.authenticator.signInWithPassword(u.username, u.password)) !== undefined;
}

/** The demo users and keys, for the start banner. */
export function demoCredentials(): string[] {
  const lines = Object.values(DEMO_USERS).map((u) => {
    const where = 'kommunkod' in u && u.kommunkod ? ` ${u.kommunkod}` : ' (alla kommuner)';
    const namnder = 'namnder' in u && u.namnder ? ` nämnd ${u.namnder.join(', ')}` : '';
    const signs = 'signingRight' in u && u.signingRight ? `, undertecknar avtal som ${u.signingRight.title}` : '';
    return `    ${u.username.padEnd(24)} ${u.password.padEnd(24)} ${u.role}${where}${namnder}${signs}`;
  });
  const tokens = Object.values(DEMO_TOKENS).map((t) => `    Authorization: Bearer ${t.token}  (${t.label})`);
  return ['  Demoanvändare (användarnamn, lösenord, roll):', ...lines, '  API-nycklar:', ...tokens];
}
