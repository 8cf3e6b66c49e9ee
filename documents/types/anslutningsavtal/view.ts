/** The anslutningsavtal's view: its data and the municipality's look → what its template.hbs shows. */
import { formatDateIso } from '../../format';
import { blockViews, organCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'anslutningsavtal'> = (d, look) => {
  const party = (p: (typeof d.parties)['skr']) => ({
    name: p.name,
    orgNumber: p.orgNumber ?? null,
    address: p.address ?? null,
    shortName: p.shortName ?? null,
  });
  const signer = (s: (typeof d.signatures)['skr'][number]) => ({
    name: s.name,
    title: s.title,
    unit: s.unit ?? null,
    place: s.place ?? null,
    date: s.date ?? null,
  });
  const terms = d.terms.map((s, i) => ({ heading: `${5 + i}. ${s.heading}`, blocks: blockViews(s.blocks) }));
  return {
    common: {
      ...organCommon(
        look.kommunName,
        TITLE,
        d.title,
        [
          { label: 'Datum', value: formatDateIso(d.date) },
          { label: 'Diarienummer', value: d.diarienummer },
        ],
        d.diarienummer,
      ),
      unitLines: [],
      signatures: [],
      attachments: [],
    },
    d: {
      title: d.title,
      partyList: [party(d.parties.skr), party(d.parties.municipality)],
      parties: d.parties,
      purpose: blockViews(d.purpose),
      programmeParts: d.programmeParts.map((p) => ({ name: p.name, description: p.description ?? null })),
      fees: {
        // One national row per fee year when the agreement lists them, else one row with the rate.
        nationalRows:
          d.fees.yearlyRates.length > 0
            ? d.fees.yearlyRates.map((r) => ({
                label: `Nationell avgift ${r.year}`,
                rateOre: r.rateOre,
                preliminary: r.preliminary,
              }))
            : [{ label: 'Nationell avgift', rateOre: d.fees.nationalRateOre, preliminary: false }],
        regional: d.fees.regional
          ? {
              payee: d.fees.regional.payee,
              rateOre: d.fees.regional.rateOre ?? 0,
              set: d.fees.regional.rateOre !== null,
            }
          : null,
        computation: blockViews(d.fees.computation),
      },
      period: d.period,
      termSections: terms,
      signatureHeading: `${5 + terms.length}. Underskrifter`,
      partySignatures: [
        { party: d.parties.skr.name, signers: d.signatures.skr.map(signer) },
        { party: d.parties.municipality.name, signers: d.signatures.municipality.map(signer) },
      ],
    },
  };
};
