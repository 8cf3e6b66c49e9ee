/** Who did it, as the history names them: "Anna Andersson (handläggare)". */
export function actorName(actor: { name: string; role?: string }): string {
  return actor.role ? `${actor.name} (${actor.role})` : actor.name;
}
