/**
 * The national programmes a municipality can join, as data: the next programme is a new entry here, not a rewrite
 * of the workflow. The anslutningsavtal and the yearly avgiftsunderlag are built from this definition, the fee
 * functions of domain/fees.ts and the municipality registry.
 *
 * Pure data and functions (no I/O): safe in the workflow sandbox.
 */
import { SEED_000_NATIONAL_RATE_LOW, SEED_000_PERIOD_END, STORSTHLM_REGIONAL_RATE, periodEndAfterYears, type RegionalRate } from './fees';
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
  owner: { name: string; shortName: string };
  /** Title of the agreement (anslutningsavtal). */
  agreementTitle: string;
  purpose: string;
  parts: readonly ProgrammePart[];
  /** Default start for a new member (the seed's start). */
  defaultStart: IsoDate;
  /** Known agreement periods, in order. */
  periods: readonly ProgrammePeriod[];
}

export const YRKESRESAN: Programme = {
  id: 'yrkesresan',
  name: 'Yrkesresan',
  owner: { name: 'Sveriges Kommuner och Regioner', shortName: 'SKR' },
  agreementTitle: 'Anslutningsavtal för Yrkesresan',
  purpose:
    'Yrkesresan är ett strukturerat arbetssätt för introduktion och långsiktig kompetensutveckling för medarbetare inom socialtjänsten. Avtalet ger kommunen tillgång till alla delar i Yrkesresan; kommunen väljer vilka delar som ska nyttjas.',
  // DOMAIN.md §5 (seed 000)
  parts: [
    { name: 'Barn och unga', description: 'Myndighetsutövning och familjehem inom den sociala barn- och ungdomsvården (sedan 2022).' },
    { name: 'Funktionshinder', description: 'Utförarverksamheter (sedan 2024) och myndighetsutövning (från 2026).' },
    { name: 'Skadligt bruk och beroende', description: 'Myndighetsutövning (sedan våren 2025).' },
    { name: 'Äldre', description: 'Utförarverksamheter inom äldreomsorgen (sedan hösten 2025).' },
  ],
  defaultStart: '2027-07-01',
  periods: [
    {
      end: SEED_000_PERIOD_END,
      // Seed 000 gives 2,43–2,47 kr for Stockholm; the product uses the lower figure until SKR's invoice says otherwise.
      nationalRate: SEED_000_NATIONAL_RATE_LOW,
      regionalRates: [{ lanskod: '01', rss: 'StorSthlm', rate: STORSTHLM_REGIONAL_RATE }],
      source: 'Tjänsteutlåtande, Stockholms stad (seed 000): nuvarande avtalsperiod',
    },
  ],
};

export const PROGRAMMES: Record<string, Programme> = { yrkesresan: YRKESRESAN };

export function programmeById(id: string): Programme {
  const p = PROGRAMMES[id];
  if (!p) throw new RangeError(`Okänt program: ${id}`);
  return p;
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
  if (known) return { start, end: known.end, nationalRate: known.nationalRate, regionalRates: known.regionalRates, source: known.source, preliminary: false };
  const last = programme.periods[programme.periods.length - 1];
  return {
    start,
    end: periodEndAfterYears(start, 1),
    nationalRate: last.nationalRate,
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
