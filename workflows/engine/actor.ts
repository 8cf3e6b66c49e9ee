/** Who did it, as the history names them: one definition, in domain/actions.ts. */
export { actorName } from '../../domain/actions';
