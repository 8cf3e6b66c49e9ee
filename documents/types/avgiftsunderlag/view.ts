/** The avgiftsunderlag's view: its data and the municipality's look → what its template.hbs shows. */
import { formatDateIso } from '../../format';
import { blockViews, organCommon, type View, type LabelValue } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'avgiftsunderlag'> = (d, look) => {
  const title = `Avgiftsunderlag ${d.year}: ${d.municipality}`;
  const fields: LabelValue[] = [{ label: 'Datum', value: formatDateIso(d.date) }];
  if (d.diarienummer) fields.push({ label: 'Diarienummer', value: d.diarienummer });
  const rows = [
    {
      label: 'Nationell avgift',
      payee: d.nationalPayee,
      rateOre: d.national.rateOre,
      amountOre: d.national.amountOre,
      set: true,
      computation: d.national.computation ?? null,
    },
  ];
  if (d.regional) {
    // A regional fee that is not yet set reads "ej fastställd" in both columns, never 0 kr.
    rows.push({
      label: 'Regional avgift',
      payee: d.regional.payee,
      rateOre: d.regional.rateOre ?? 0,
      amountOre: d.regional.amountOre ?? 0,
      set: d.regional.amountOre !== null,
      computation: d.regional.computation ?? null,
    });
  }
  const unset = rows.some((r) => !r.set);
  const units = [look.forvaltning, look.avdelning].filter((u): u is string => typeof u === 'string');
  return {
    common: {
      ...organCommon(look.kommunName, TITLE, title, fields, d.diarienummer ?? null),
      unitLines: units,
      signatures: [],
      attachments: [],
    },
    d: {
      title,
      year: d.year,
      municipality: d.municipality,
      programme: d.programme,
      population: { count: d.population.count, asOf: d.population.asOf, source: d.population.source ?? null },
      feeRows: rows,
      totalOre: d.totalOre,
      totalLabel: unset ? 'Totalt fastställda avgifter' : 'Totalt',
      notes: blockViews(d.notes),
    },
  };
};
