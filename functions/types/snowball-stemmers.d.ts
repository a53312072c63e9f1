/** Types for `snowball-stemmers` (Snowball stemmers compiled to JavaScript; the package ships none). */
declare module 'snowball-stemmers' {
  /** A stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** The stemmer for a language name such as `english` or `spanish`; throws for an unknown one. */
  export function newStemmer(language: string): Stemmer;
  /** The language names available. */
  export function algorithms(): string[];
}
