import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Typed search attributes: every list in the product is a visibility query on these. */
export const KOMMUN = defineSearchAttributeKey('BfKommun', SearchAttributeType.KEYWORD);
export const NAMND = defineSearchAttributeKey('BfNamnd', SearchAttributeType.KEYWORD);
export const DIARIENUMMER = defineSearchAttributeKey('BfDiarienummer', SearchAttributeType.KEYWORD);
export const STAGE = defineSearchAttributeKey('BfStage', SearchAttributeType.KEYWORD);
export const NEXT_DEADLINE = defineSearchAttributeKey('BfNextDeadline', SearchAttributeType.DATETIME);
export const PROGRAM = defineSearchAttributeKey('BfProgram', SearchAttributeType.KEYWORD);
export const TITLE = defineSearchAttributeKey('BfTitle', SearchAttributeType.TEXT);
export const KIND = defineSearchAttributeKey('BfKind', SearchAttributeType.KEYWORD);
export const LAN = defineSearchAttributeKey('BfLan', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [KOMMUN, NAMND, DIARIENUMMER, STAGE, NEXT_DEADLINE, PROGRAM, TITLE, KIND, LAN];
