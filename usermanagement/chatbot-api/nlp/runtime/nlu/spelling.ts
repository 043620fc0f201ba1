// Corrects the two commonest typing slips, a dropped letter ("delte", "usr") and two swapped neighbours
// ("shwo", "usres"), towards the words the classifier was trained on. Substituted or extra letters are
// left alone on purpose: they mostly turn one real word into another ("book" → "look", "lost" → "list").

/** `typed` is `intended` with one letter missing. */
function isDroppedLetter(typed: string, intended: string): boolean {
  if (intended.length !== typed.length + 1) return false;
  let k = 0;
  while (k < typed.length && typed[k] === intended[k]) k++;
  return typed.slice(k) === intended.slice(k + 1);
}

/** `typed` is `intended` with two neighbouring letters swapped. */
function isSwap(typed: string, intended: string): boolean {
  if (typed.length !== intended.length) return false;
  let k = 0;
  while (k < typed.length && typed[k] === intended[k]) k++;
  return (
    k < typed.length - 1 &&
    typed[k] === intended[k + 1] &&
    typed[k + 1] === intended[k] &&
    typed.slice(k + 2) === intended.slice(k + 2)
  );
}

/** The one keyword `typed` is a slip of, or undefined when none is or when several are (no guessing). */
export function correctTypo(typed: string, keywords: readonly string[]): string | undefined {
  const matches = keywords.filter((keyword) => isDroppedLetter(typed, keyword) || isSwap(typed, keyword));
  return matches.length === 1 ? matches[0] : undefined;
}
