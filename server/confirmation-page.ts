import type { Response } from 'express';
import type { Confirmation } from './confirmation';
import type { ApiError } from './http-errors';
import { renderPage, type NavKey } from './views';

/**
 * The confirmation step of a page's form (server/confirmation.ts): what will happen, the same fields again as hidden
 * inputs with the token, "Bekräfta" (posts them) and "Avbryt" (a link back; nothing was changed).
 */
export function renderConfirmation(
  res: Response,
  err: ApiError,
  page: {
    title: string;
    heading: string;
    nav: NavKey;
    action: string;
    cancelHref: string;
    fields: Record<string, string>;
  },
): void {
  const confirmation = err.details?.confirmation as Confirmation;
  const rule = err.fields[0]?.rule;
  // The first post is the ordinary first step (200); a wrong or expired token is a refusal (428) with a fresh page.
  renderPage(
    res,
    'bekraftelse',
    {
      title: page.title,
      nav: page.nav,
      heading: page.heading,
      action: page.action,
      cancelHref: page.cancelHref,
      confirmation,
      fields: Object.entries(page.fields).map(([name, value]) => ({ name, value })),
      ...(rule === 'expired' ? { retry: 'Bekräftelsen hann gå ut. Kontrollera uppgifterna och bekräfta igen.' } : {}),
      ...(rule === 'invalid' ? { retry: 'Bekräftelsen gällde inte de här uppgifterna. Kontrollera dem och bekräfta igen.' } : {}),
    },
    rule === 'required' ? 200 : 428,
  );
}

export function isConfirmationRequired(err: unknown): err is ApiError {
  return (err as ApiError | undefined)?.code === 'CONFIRMATION_REQUIRED';
}
