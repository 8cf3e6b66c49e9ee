/** The startbesked's view: its data and the municipality's look → what its template.hbs shows. */
import { blockViews, signatoryViews, letterCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'startbesked'> = (d, look) => ({
  common: {
    ...letterCommon(d, look, TITLE, d.title, d.addressee),
    signatures: signatoryViews(d.signatures, look),
    attachments: d.attachments,
  },
  d: {
    title: d.title,
    programme: d.programme,
    startDate: d.startDate,
    programmeParts: d.programmeParts,
    body: blockViews(d.body),
    contact: d.contact
      ? {
          name: d.contact.name,
          title: d.contact.title ?? null,
          phone: d.contact.phone ?? null,
          email: d.contact.email ?? null,
        }
      : null,
  },
});
