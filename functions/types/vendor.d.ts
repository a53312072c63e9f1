/** Type declarations for dependencies that ship none. */

declare module 'snowball-stemmers' {
  /** A Snowball stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** A stemmer for `language` (`english`, `spanish` …). */
  export function newStemmer(language: string): Stemmer;
  /** The languages available. */
  export function algorithms(): string[];
  const snowball: { newStemmer: typeof newStemmer; algorithms: typeof algorithms };
  export default snowball;
}

declare module 'stopword' {
  /** English stop words. */
  export const eng: string[];
  /** Spanish stop words. */
  export const spa: string[];
}
