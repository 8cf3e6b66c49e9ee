/** The hemställan's view: its data and the municipality's look → what its template.hbs shows. */
import { blockViews, signatoryViews, lowerFirst, genitive, letterCommon, type View } from '../../view-parts';
import { title as TITLE } from './schema';
import type { Signatory } from '../../../domain/documents/parts';

export const view: View<'hemstallan'> = (d, look) => {
  const heading = /^hemställan\b/i.test(d.title) ? d.title : `Hemställan: ${d.title}`;
  const byRole = d.signatoriesByRole ?? {};
  const signers = d.signatures ?? look.hemstallanSignedBy.map((role) => byRole[role]).filter((s): s is Signatory => s !== undefined);
  return {
    common: {
      ...letterCommon(d, look, TITLE, heading, d.to, d.via),
      unitLines: [d.from, ...[d.forvaltning ?? look.forvaltning].filter((u): u is string => typeof u === 'string')],
      signatures: signatoryViews(signers.length > 0 ? signers : undefined, look),
      attachments: d.attachments,
    },
    d: {
      title: heading,
      from: d.from,
      fromGenitive: genitive(d.from),
      toRunning: lowerFirst(d.to),
      viaRunning: d.via ? lowerFirst(d.via) : null,
      meetingDate: d.meetingDate,
      paragraph: d.paragraph ?? null,
      decision: d.decision,
      request: d.request,
      body: blockViews(d.body),
    },
  };
};
