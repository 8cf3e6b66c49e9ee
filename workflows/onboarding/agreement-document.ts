import { stockholmDate, type IsoDate } from '../../domain/iso-date';
import type { Party } from '../../domain/onboarding-actions';
import { rateTable, type NationalRate, type RegionalRate } from '../../domain/fees';
import type { Programme } from '../../domain/programmes';
import { agreementFees, agreementParties, regionalTerms } from '../agreement-texts';
import type { Agreement } from '../onboarding-messages';

export type AgreementBasis = { partyName: string; lanskod: string; lan?: string; rss?: string; nationalRates?: NationalRate[] };

function signed(s: Agreement['signatures'][Party]) {
  return s ? { name: s.name, title: s.title, date: stockholmDate(new Date(s.at)) } : undefined;
}

/** The anslutningsavtal's data: the texts are workflows/agreement-texts.ts's (shared with the adoption workflow). */
export function agreementDocument(p: Programme, agreement: Agreement, basis: AgreementBasis, regionalRates: readonly RegionalRate[], date: IsoDate) {
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
