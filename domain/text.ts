import { z } from 'zod';

/**
 * No C0 control characters other than tab and newline: everything a user writes may end up printed in a document,
 * and the document templates refuse them. Checked at the door too, so that a body the API accepts can always be
 * printed (otherwise the ärende would accept an action and then wait for a PDF that can never be made).
 */
export const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const NO_CONTROL_MESSAGE = 'innehåller otillåtna kontrolltecken';

/** Running text (it may span lines), with Swedish messages naming the rule. */
export const text = (max: number) =>
  z
    .string({ error: 'måste vara text' })
    .trim()
    .min(1, 'får inte vara tomt')
    .max(max, `får vara högst ${max} tecken`)
    .regex(NO_CONTROL, NO_CONTROL_MESSAGE);

/** One line of text: a name, a title, a place (printed on one line). */
export const line = (max: number) => text(max).regex(/^[^\r\n]*$/, 'ska vara en rad');
