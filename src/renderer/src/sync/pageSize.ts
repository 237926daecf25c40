import { MAX_MESSAGE_PAGE } from '../../../shared/contract/limits';

/** Messages fetched per page: the newest page on open, older ones on "Load earlier messages". */
export const MESSAGE_PAGE_SIZE = 50;
/** The largest page the core gives: used to reach a message far back. */
export const MAX_MESSAGE_PAGE_SIZE = MAX_MESSAGE_PAGE;
