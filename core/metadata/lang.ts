/**
 * Page language: normalising declared tags, and a cheap guess from the script and the most common words
 * of a text when nothing is declared. Pure string logic: no DOM.
 */

/** A BCP 47 tag in lower case with "-" ("en_GB" → "en-gb"), or null when it is not a language tag. */
export function normalizeLang(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const tag = raw
    .trim()
    .split(/[\s,;]/)[0]!
    .replace(/_/g, '-')
    .toLowerCase();
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(tag)) return null;
  if (tag === 'und' || tag === 'mul' || tag === 'zxx') return null;
  return tag;
}

const STOP_WORDS: Record<string, string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'that',
    'for',
    'with',
    'was',
    'on',
    'it',
    'he',
    'as',
    'are',
    'this',
    'by',
  ],
  de: [
    'der',
    'die',
    'und',
    'das',
    'ist',
    'nicht',
    'ein',
    'eine',
    'mit',
    'sich',
    'auf',
    'den',
    'dem',
    'auch',
    'für',
    'von',
    'zu',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'des',
    'est',
    'une',
    'dans',
    'que',
    'pour',
    'qui',
    'pas',
    'sur',
    'du',
    'au',
    'avec',
    'il',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'y',
    'que',
    'del',
    'en',
    'por',
    'una',
    'con',
    'para',
    'es',
    'se',
    'su',
    'al',
    'como',
  ],
  it: [
    'il',
    'di',
    'che',
    'la',
    'per',
    'un',
    'una',
    'non',
    'sono',
    'della',
    'con',
    'del',
    'gli',
    'le',
    'è',
    'nel',
    'anche',
  ],
  pt: [
    'o',
    'a',
    'os',
    'que',
    'de',
    'do',
    'da',
    'em',
    'um',
    'uma',
    'para',
    'com',
    'não',
    'por',
    'mais',
    'as',
    'dos',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'van',
    'is',
    'dat',
    'niet',
    'op',
    'te',
    'zijn',
    'met',
    'voor',
    'ook',
    'maar',
    'als',
    'er',
  ],
  sv: [
    'och',
    'att',
    'det',
    'som',
    'en',
    'på',
    'är',
    'av',
    'för',
    'med',
    'till',
    'den',
    'inte',
    'har',
    'om',
    'ett',
    'var',
  ],
  da: [
    'og',
    'at',
    'det',
    'som',
    'en',
    'på',
    'er',
    'af',
    'for',
    'med',
    'til',
    'den',
    'ikke',
    'har',
    'om',
    'et',
    'var',
  ],
  pl: [
    'i',
    'w',
    'nie',
    'na',
    'się',
    'z',
    'że',
    'do',
    'to',
    'jest',
    'jak',
    'o',
    'ale',
    'po',
    'co',
    'tak',
    'za',
  ],
};

/**
 * A cheap guess of the language of a text: script first (ja, zh, ko, ru, uk, el, ar, he, fa), then the
 * share of common words for the Latin-script languages. Null when the text is too short or unclear.
 */
export function guessLang(text: string): string | null {
  const sample = text.slice(0, 5000);
  const kana = (sample.match(/[\u3040-\u30ff]/g) ?? []).length;
  const han = (sample.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const hangul = (sample.match(/[\uac00-\ud7af]/g) ?? []).length;
  const cyr = (sample.match(/[\u0400-\u04ff]/g) ?? []).length;
  const greek = (sample.match(/[\u0370-\u03ff]/g) ?? []).length;
  const arabic = (sample.match(/[\u0600-\u06ff]/g) ?? []).length;
  const hebrew = (sample.match(/[\u0590-\u05ff]/g) ?? []).length;
  const latin = (sample.match(/[A-Za-z\u00c0-\u024f]/g) ?? []).length;
  const total = kana + han + hangul + cyr + greek + arabic + hebrew + latin;
  if (total < 20) return null;
  if (kana > total * 0.05) return 'ja';
  if (hangul > total * 0.2) return 'ko';
  if (han > total * 0.3) return 'zh';
  if (cyr > total * 0.3) return /[іїєґ]/i.test(sample) ? 'uk' : 'ru';
  if (greek > total * 0.3) return 'el';
  if (hebrew > total * 0.3) return 'he';
  if (arabic > total * 0.3) return /[پچژگ]/.test(sample) ? 'fa' : 'ar';
  const words = sample.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  if (words.length < 8) return null;
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best: string | null = null;
  let bestScore = 0;
  for (const [lang, list] of Object.entries(STOP_WORDS)) {
    let score = 0;
    for (const w of list) score += counts.get(w) ?? 0;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return bestScore / words.length >= 0.05 ? best : null;
}
