import type { OnboardingAction } from '../../domain/onboarding-stages';

/** The dashboard's forms are flat (urlencoded); this turns a form into an action's payload and names the fields back. */

const s = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const n = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : s(v));

function terms(form: Record<string, unknown>) {
  const t = {
    ...(s(form.startDate) ? { startDate: s(form.startDate) } : {}),
    ...(s(form.endDate) ? { endDate: s(form.endDate) } : {}),
    ...(s(form.organisation) ? { organisation: s(form.organisation) } : {}),
    ...(s(form.adminName) || s(form.adminEmail) ? { admins: [{ name: s(form.adminName), email: s(form.adminEmail) }] } : {}),
  };
  return Object.keys(t).length > 0 ? { terms: t } : {};
}

export function formToAction(action: OnboardingAction, form: Record<string, unknown>): Record<string, unknown> {
  const base = s(form.requestId) ? { requestId: s(form.requestId) } : {};
  switch (action) {
    case 'invite':
      return { ...base, ...(s(form.message) ? { message: s(form.message) } : {}) };
    case 'expressInterest':
      return {
        ...base,
        ...(s(form.contactName) || s(form.contactEmail) ? { contact: { name: s(form.contactName), email: s(form.contactEmail) } } : {}),
        ...(s(form.comment) ? { comment: s(form.comment) } : {}),
      };
    case 'linkAdoption':
      return { ...base, ...(s(form.arendeId) ? { arendeId: s(form.arendeId) } : {}), ...(s(form.diarienummer) ? { diarienummer: s(form.diarienummer) } : {}) };
    case 'registerDecision':
      return { ...base, organ: s(form.organ), date: s(form.date), paragraph: n(form.paragraph), outcome: s(form.outcome), ...terms(form) };
    case 'signAgreement':
      // The signer is the signed-in person (server/skr/onboarding.ts fills it); the party is theirs.
      return { ...base, ...(s(form.party) ? { party: s(form.party) } : {}), version: n(form.version) };
    case 'rejectAgreement':
      return { ...base, party: s(form.party), version: n(form.version), comment: s(form.comment) };
    case 'reviseAgreement':
      return { ...base, ...(s(form.comment) ? { comment: s(form.comment) } : {}), ...terms(form) };
    case 'decideRenewal':
      return { ...base, decision: s(form.decision), ...(s(form.comment) ? { comment: s(form.comment) } : {}), ...terms(form) };
  }
}

/** A payload path ("signer.name", "terms.admins.0.email") → the form field and its Swedish label. */
const FIELDS: Record<string, [string, string]> = {
  message: ['message', 'Meddelande'],
  'contact.name': ['contactName', 'Kontaktperson'],
  'contact.email': ['contactEmail', 'E-post'],
  comment: ['comment', 'Kommentar'],
  arendeId: ['arendeId', 'Ärende-id'],
  diarienummer: ['diarienummer', 'Diarienummer'],
  organ: ['organ', 'Beslutande organ'],
  date: ['date', 'Beslutsdatum'],
  paragraph: ['paragraph', 'Paragraf'],
  outcome: ['outcome', 'Beslut'],
  'terms.startDate': ['startDate', 'Startdatum'],
  'terms.endDate': ['endDate', 'Avtalet gäller till'],
  'terms.organisation': ['organisation', 'Regional del'],
  'terms.admins.0.name': ['adminName', 'Kontoadministratör'],
  'terms.admins.0.email': ['adminEmail', 'Kontoadministratörens e-post'],
  party: ['party', 'Part'],
  version: ['version', 'Avtalsversion'],
  'signer.name': ['signerName', 'Undertecknare'],
  'signer.title': ['signerTitle', 'Titel'],
  decision: ['decision', 'Beslut'],
  requestId: ['requestId', 'Begärans id'],
};

export function formField(path: string): { name: string; label: string } {
  const [name, label] = FIELDS[path] ?? [path, path];
  return { name, label };
}
