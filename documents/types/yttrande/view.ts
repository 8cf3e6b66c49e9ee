/** The yttrande's view: its data and the municipality's look → what its template.hbs shows. */
import { blockViews, signatoryViews, letterCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'yttrande'> = (d, look) => {
  const c = letterCommon(d, look, TITLE, d.sender ? `${d.title} (${d.sender})` : d.title, d.addressee);
  return {
    common: {
      ...c,
      unitLines: d.sender ? [d.sender, ...c.unitLines] : c.unitLines,
      signatures: signatoryViews(d.signatures, look),
      attachments: d.attachments,
    },
    d: {
      title: d.title,
      referral: {
        title: d.referral.title,
        diarienummer: d.referral.diarienummer,
        date: d.referral.date ?? null,
        sender: d.referral.sender ?? null,
      },
      proposals: d.proposals,
      sections: d.sections.map((s) => ({ heading: s.heading, blocks: blockViews(s.blocks) })),
    },
  };
};
