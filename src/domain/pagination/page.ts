export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** Items with their cursors and where they stand in the list. */
export interface PageSlice<T> {
  items: { node: T; cursor: string }[];
  pageInfo: PageInfo;
}

/** One page of a list, with a lazily counted total (counted only when a client asks). */
export interface Page<T> extends PageSlice<T> {
  totalCount: () => Promise<number>;
}
