/** The tjänsteutlåtande's view: its data and the municipality's look → what its template.hbs shows. */
import { blockViews, signatoryViews, letterCommon, type View } from '../../view-parts';
import { title as TITLE, TJANSTEUTLATANDE_SECTIONS } from './schema';

export const view: View<'tjansteutlatande'> = (d, look) => ({
  common: {
    ...letterCommon(d, look, TITLE, d.title, d.addressee),
    signatures: signatoryViews(d.signatures, look),
    attachments: d.attachments,
  },
  d: {
    title: d.title,
    proposals: d.proposals,
    sections: TJANSTEUTLATANDE_SECTIONS.filter(([key]) => d[key].length > 0).map(([key, heading]) => ({
      heading,
      blocks: blockViews(d[key]),
    })),
  },
});
