/** The remiss's view: its data and the municipality's look → what its template.hbs shows. */
import { blockViews, signatoryViews, letterCommon, withTypePrefix, withoutTypePrefix, type View } from '../../view-parts';
import { title as TITLE } from './schema';

export const view: View<'remiss'> = (d, look) => ({
  common: {
    // One remiss is one handling per recipient: the register's title names who it went to.
    ...letterCommon(d, look, TITLE, `Remiss till ${d.recipients.join(', ')}: ${withoutTypePrefix(TITLE, d.title)}`, null),
    signatures: signatoryViews(d.signatures, look),
    attachments: d.attachments,
  },
  d: {
    title: withTypePrefix(TITLE, d.title),
    recipients: d.recipients,
    body: blockViews(d.body),
    questions: d.questions,
    answerBy: d.answerBy,
    answerTo: d.answerTo,
    diarienummer: d.diarienummer,
  },
});
