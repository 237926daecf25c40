/** Messages fetched per page: the newest page on open, older ones on "Load earlier messages". */
export const MESSAGE_PAGE_SIZE = 50;
