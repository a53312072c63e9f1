/**
 * Folding for detection only (never for what the model sees): lowercase, accents removed, and look-alike
 * letters from other scripts mapped to Latin so "іgnоrе" (Cyrillic і and о) reads as "ignore".
 */

// Confusables that NFKC keeps: Cyrillic and Greek letters drawn like Latin ones.
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ɡ: 'g',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ı: 'i',
  ɑ: 'a',
  ℓ: 'l',
};
const CONFUSABLE_CHARS = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');
// Leetspeak digits, only inside words that also contain letters ("1gn0re", "instruct10ns").
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** Lowercase, accents stripped, whitespace collapsed: the form every detector matches against. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ');
}

/** `fold` plus look-alike letters and leetspeak mapped to Latin: used to see through obfuscation. */
export function skeleton(folded: string): string {
  return folded
    .replace(CONFUSABLE_CHARS, (char) => CONFUSABLES[char] ?? char)
    .replace(/[\w@$]*[a-z][\w@$]*/g, (word) =>
      /[0-9@$]/.test(word) ? word.replace(/[013457@$]/g, (c) => LEET[c] ?? c) : word,
    );
}
