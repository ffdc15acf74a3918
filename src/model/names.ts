// Names where case does not matter (SQLite, the one dialect in CASE_INSENSITIVE_DIALECTS) ignore
// the case of the ASCII letters only (sqlite3StrICmp): `CHILD` names table `child`, while `Éclair`
// and `éclair` are two tables. Lookups and comparisons by name must fold the same way everywhere;
// toLowerCase would also fold É to é and join names SQLite keeps apart.

/** `name` with A–Z lowered and every other character as it is. */
export function foldName(name: string): string {
  return name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
