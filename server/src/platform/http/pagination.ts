import Type from "typebox";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Query fields shared by every list: an opaque cursor and a bounded page size. */
export const PageQueryFields = {
  cursor: Type.Optional(Type.String({ maxLength: 200, description: "`nextCursor` of the previous page." })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
};
