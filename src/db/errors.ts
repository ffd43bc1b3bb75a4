/** A write refused by a unique index: the row is already there (a redelivery, another replica). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    ((error as { code?: string }).code === "P2002" ||
      /Unique constraint/i.test(String((error as Error).message)))
  );
}
