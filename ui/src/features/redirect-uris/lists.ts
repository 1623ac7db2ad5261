// Lists of redirect URIs compare entry by entry, in order (the order is part of what is saved).
export const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);
