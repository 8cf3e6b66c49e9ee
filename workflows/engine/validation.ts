import type { z } from 'zod';
import { ERROR_CODES, refuse, type FieldProblem } from './failures';

/** zod's issues as the fields the API names: dotted path, rule (zod's code; a custom check is 'invalid'), message. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((i) => ({
    field: i.path.map(String).join('.') || '(body)',
    rule: i.code === 'custom' ? 'invalid' : i.code,
    message: i.message,
  }));
}

/** The Swedish summary of a failed validation: what (the action's label, or "Begäran") and which fields. */
export function validationMessage(fields: readonly FieldProblem[], label?: string): string {
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return label ? `Åtgärden "${label}" innehåller fel i: ${names}` : `Begäran innehåller fel i: ${names}`;
}

/**
 * Validates an update's payload with the action's ONE schema (the same the API and the forms use); throws
 * VALIDATION_FAILED naming the fields. Never changes anything.
 */
export function parsePayload<T>(schema: z.ZodType<T>, raw: unknown, label?: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = fieldProblems(parsed.error.issues);
  throw refuse({ code: ERROR_CODES.validation, message: validationMessage(fields, label), fields });
}
