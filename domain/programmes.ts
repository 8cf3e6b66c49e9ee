/**
 * The national programmes a municipality can join, as data. An installation's programmes are configuration:
 * `config/programmes/<id>.json` (BF_PROGRAMMES_DIR), validated by `domain/programme-schema.ts` when the product
 * starts (`runtime/programmes.ts`); the next programme is a new file there, not a rewrite of the workflow. The
 * client that starts an ärende or an onboarding passes the validated definition in the workflow's input (a snapshot
 * that the run keeps); the anslutningsavtal and the yearly avgiftsunderlag are built from it, the fee functions of
 * domain/fees.ts and the municipality registry.
 *
 * YRKESRESAN below is the built-in definition: what runs started before programmes were configuration use (their
 * input has no snapshot), and what `config/programmes/yrkesresan.json` must equal (test/unit/programme-config.test.ts).
 *
 * Pure data and functions (no I/O): safe in the workflow sandbox.
 */
import {
  SEED_000_NATIONAL_RATE_HIGH,
  SEED_000_NATIONAL_RATE_LOW,
  SEED_000_PERIOD_END,
  STORSTHLM_REGIONAL_RATE,
  nationalRateForYear,
  periodEndAfterYears,
  type NationalRate,
  type RegionalRate,
} from './fees';
import { addDays, compareIsoDates, type IsoDate } from './iso-date';
import type { Rate } from './money';

export interface ProgrammePart {
  name: string;
  description: string;
}

/** An agreement period of a programme and its rates. The period's start is not needed: there is no retroactive fee. */
export interface ProgrammePeriod {
  /** Last day of the period (inclusive). */
  end: IsoDate;
  /** kr per inhabitant and year to the programme owner (SKR). */
  nationalRate: Rate;
  /** Regional fees of the RSSs that charge one, by county. */
  regionalRates: readonly RegionalRate[];
  /** Where the figures come from. */
  source: string;
}

export interface Programme {
  id: string;
  name: string;
  /** The programme's owner, a party of the agreement. */
  owner: { name: string; shortName: string; orgNumber: string; address: string };
  /** Title of the agreement (anslutningsavtal). */
  agreementTitle: string;
  /** The agreements' numbers begin with it: "YR" → "YR-0180-2027" (domain/onboarding-terms.ts agreementNumber). */
  agreementNumberPrefix: string;
  purpose: string;
  parts: readonly ProgrammePart[];
  /** Default start for a new member (the seed's start). */
  defaultStart: IsoDate;
  /**
   * The earliest start the programme's period allows: no agreement (and no target start) before it. For
   * Yrkesresan the product's first period is the seed's, which a new member joins from 2027-07-01.
   */
  earliestStart: IsoDate;
  /**
   * The national rate per fee year (calendar year), with its source and the date it was set. SKR sets the rate of
   * a coming year through the product (workflows/programme-rates.ts); those entries overlay these (fees.rateTable).
   */
  nationalRates: readonly NationalRate[];
  /** Known agreement periods, in order. */
  periods: readonly ProgrammePeriod[];
}

export const YRKESRESAN: Programme = {
  id: 'yrkesresan',
  name: 'Yrkesresan',
  owner: { name: 'Sveriges Kommuner och Regioner', shortName: 'SKR', orgNumber: '222000-0315', address: '118 82 Stockholm' },
  agreementTitle: 'Anslutningsavtal för Yrkesresan',
  agreementNumberPrefix: 'YR',
  purpose:
    'Yrkesresan är ett strukturerat arbetssätt för introduktion och långsiktig kompetensutveckling för medarbetare inom socialtjänsten. Avtalet ger kommunen tillgång till alla delar i Yrkesresan; kommunen väljer vilka delar som ska nyttjas.',
  // The parts as seed 000 names them (test/fixtures/seed-000.txt)
  parts: [
    { name: 'Barn och unga', description: 'Myndighetsutövning och familjehem inom den sociala barn- och ungdomsvården (sedan 2022).' },
    { name: 'Funktionshinder', description: 'Utförarverksamheter (sedan 2024) och myndighetsutövning (från 2026).' },
    { name: 'Skadligt bruk och beroende', description: 'Myndighetsutövning (sedan våren 2025).' },
    { name: 'Äldre', description: 'Utförarverksamheter inom äldreomsorgen (sedan hösten 2025).' },
  ],
  defaultStart: '2027-07-01',
  earliestStart: '2027-07-01',
  // Seed 000: "under nuvarande avtalsperiod 2,43–2,47 kr per invånare och år" (the period 2027-07-01–2028-06-30
  // covers the fee years 2027 and 2028). The seed gives the range, not the split: the product reads it as the rate
  // rising from 2,43 (2027) to 2,47 (2028) and says so in the source; SKR corrects it by setting a rate.
  // setOn: the tjänsteutlåtande's date (demo/seed-000.ts), the date the product learnt the figures.
  nationalRates: [
    {
      year: 2027,
      rate: SEED_000_NATIONAL_RATE_LOW,
      source: 'SKR:s nationella avgift enligt tjänsteutlåtande, Stockholms stad (seed 000): 2,43–2,47 kr under avtalsperioden; lägre värdet för avgiftsår 2027',
      setOn: '2026-06-05',
    },
    {
      year: 2028,
      rate: SEED_000_NATIONAL_RATE_HIGH,
      source: 'SKR:s nationella avgift enligt tjänsteutlåtande, Stockholms stad (seed 000): 2,43–2,47 kr under avtalsperioden; högre värdet för avgiftsår 2028',
      setOn: '2026-06-05',
    },
  ],
  periods: [
    {
      end: SEED_000_PERIOD_END,
      // The period's first fee year's rate (the rates per fee year are in nationalRates).
      nationalRate: SEED_000_NATIONAL_RATE_LOW,
      regionalRates: [{ lanskod: '01', rss: 'StorSthlm', rate: STORSTHLM_REGIONAL_RATE }],
      source: 'Tjänsteutlåtande, Stockholms stad (seed 000): nuvarande avtalsperiod',
    },
  ],
};

/**
 * The programmes built into the code: only for runs started before programmes were configuration (their input
 * carries no snapshot). Everything else reads the configured programmes (runtime/programmes.ts).
 */
export const BUILT_IN_PROGRAMMES: Readonly<Record<string, Programme>> = { yrkesresan: YRKESRESAN };

/** The built-in definition of `id` (a run without a snapshot); undefined for a programme that was never built in. */
export function builtInProgramme(id: string): Programme | undefined {
  return BUILT_IN_PROGRAMMES[id];
}

/** The programmes of an installation, by id (runtime/programmes.ts loads them; tests make their own). */
export interface ProgrammeRegistry {
  /** Every programme, in id order. */
  readonly all: readonly Programme[];
  get(id: string): Programme | undefined;
  /** The programme `id`; throws (Swedish) for an unknown id: callers validate the id first. */
  byId(id: string): Programme;
}

export function programmeRegistry(programmes: readonly Programme[]): ProgrammeRegistry {
  const byId = new Map(programmes.map((p) => [p.id, p]));
  const all = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    all,
    get: (id) => byId.get(id),
    byId(id) {
      const p = byId.get(id);
      if (!p) throw new RangeError(`Okänt program: ${id} (kända: ${all.map((x) => x.id).join(', ') || 'inga'})`);
      return p;
    },
  };
}

/** The agreement period that applies from `start`, with `preliminary` when no known period covers it. */
export interface AppliedPeriod {
  start: IsoDate;
  end: IsoDate;
  nationalRate: Rate;
  regionalRates: readonly RegionalRate[];
  source: string;
  /**
   * True when `start` is after every known period: the period is then one year from `start` at the last known
   * rates, and the documents say that the rates are preliminary until the programme owner has set new ones.
   */
  preliminary: boolean;
}

/** The period a membership starting on `start` falls in (the first known period that has not ended). */
export function periodFor(programme: Programme, start: IsoDate): AppliedPeriod {
  const known = programme.periods.find((p) => compareIsoDates(p.end, start) >= 0);
  // The national rate of the start's fee year (the rate table; each fee statement then uses its own year's rate).
  const nationalRate = nationalRateForYear(programme.nationalRates, Number(start.slice(0, 4))).rate;
  if (known) return { start, end: known.end, nationalRate, regionalRates: known.regionalRates, source: known.source, preliminary: false };
  const last = programme.periods[programme.periods.length - 1];
  return {
    start,
    end: periodEndAfterYears(start, 1),
    nationalRate,
    regionalRates: last.regionalRates,
    source: `${last.source} (preliminärt: ny avtalsperiod ej fastställd)`,
    preliminary: true,
  };
}

/** A new period after `previousEnd` (renewal): up to `newEnd`, default one year. */
export function renewalPeriod(programme: Programme, previousEnd: IsoDate, newEnd?: IsoDate): AppliedPeriod {
  const start = addDays(previousEnd, 1);
  const base = periodFor(programme, start);
  return { ...base, end: newEnd ?? base.end };
}

/**
 * Problems with a start date (Swedish, for the user): a start in the past is refused, and so is one before the
 * programme's period allows (`earliestStart`). Empty when the start may be used.
 */
export function startDateProblems(programme: Programme, start: IsoDate, today: IsoDate): string[] {
  const problems: string[] = [];
  if (compareIsoDates(start, today) < 0) problems.push(`startdatumet ${start} har redan passerat (i dag är det ${today})`);
  if (compareIsoDates(start, programme.earliestStart) < 0) {
    problems.push(`${programme.name} kan börja tidigast ${programme.earliestStart}; avtalsperioden tillåter ingen tidigare start`);
  }
  return problems;
}
