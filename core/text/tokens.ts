/**
 * Word tokens and stop words. `tokenize` returns lower-case word tokens: Intl.Segmenter (word
 * granularity) where the runtime has it, a Unicode letter/number regex otherwise. Apostrophe forms
 * ("don't", "Korea's") stay one token in both paths; a trailing possessive "'s" is dropped.
 */

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

type SegmenterLike = {
  segment(input: string): Iterable<{ segment: string; isWordLike?: boolean }>;
};

const segmenters = new Map<string, SegmenterLike | null>();

function segmenterFor(lang: string): SegmenterLike | null {
  const cached = segmenters.get(lang);
  if (cached !== undefined) return cached;
  let seg: SegmenterLike | null = null;
  const Seg = (Intl as unknown as { Segmenter?: new (l: string, o: object) => SegmenterLike }).Segmenter;
  if (typeof Seg === 'function') {
    try {
      seg = new Seg(lang, { granularity: 'word' });
    } catch {
      seg = null;
    }
  }
  segmenters.set(lang, seg);
  return seg;
}

function normalise(token: string): string {
  return token.toLowerCase().replace(/’/g, "'").replace(/\./g, '').replace(/'s$/, '');
}

/**
 * Intl.Segmenter's time grows with the square of the string's length in Node 20's V8 (119 ms for 20,000 characters,
 * 16 s for 160,000; the CLI and the evaluations run there), so long text is segmented in pieces of about this many
 * characters. Chromium 150's is linear, and takes about as long in pieces as whole (22 against 27 ms at 160,000).
 */
export const SEGMENT_CHARS = 1_000;

/**
 * `text` in pieces of at most SEGMENT_CHARS characters, each cut just after a white space (which ends a word in
 * every script that spaces its words, so the words are the same as the whole text's); a stretch without any
 * (Chinese, Japanese, Thai) is cut at the limit, never inside a surrogate pair.
 */
export function segmentPieces(text: string, max = SEGMENT_CHARS): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let end = start + max;
    while (end > start && !/\s/.test(text[end - 1]!)) end--;
    if (end === start) {
      end = start + max;
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end--;
    }
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** Lower-case word tokens of `text`, in order. */
export function tokenize(text: string, lang = 'en'): string[] {
  const primary = (lang.split('-')[0] || 'en').toLowerCase();
  const seg = segmenterFor(primary);
  const out: string[] = [];
  if (seg) {
    for (const piece of text.length > SEGMENT_CHARS ? segmentPieces(text) : [text]) {
      for (const s of seg.segment(piece)) {
        if (s.isWordLike === false) continue;
        if (!/[\p{L}\p{N}]/u.test(s.segment)) continue;
        const t = normalise(s.segment);
        if (t) out.push(t);
      }
    }
    return out;
  }
  for (const m of text.matchAll(WORD_RE)) {
    const t = normalise(m[0]);
    if (t) out.push(t);
  }
  return out;
}

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Basic stop-word lists by primary language subtag. */
export const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: words(`
    a about above after again against ago all almost also although always am among an and another any are
    around as at be because been before being below between both but by can cannot could did do does doing
    done down during each either else even ever every few for from further get gets got had has have having
    he her here hers herself him himself his how however i if in into is it its itself just last least less
    like made make many may me might more most much must my myself near neither never new next no nor not now
    of off often on once one only or other others our ours ourselves out over own per perhaps rather really
    same say said says she should since so some still such than that the their theirs them themselves then
    there these they this those though through to too toward towards under until up upon us very via was we
    well were what whatever when where whether which while who whom whose why will with within without would
    yet you your yours yourself yourselves
    mr mrs ms dr according added told asked including also year years week weeks day days month months time
    two three four five six seven eight nine ten first second third monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow january february march april june july august september
    october november december earlier later recently
    don't doesn't didn't isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't i'm i've i'd i'll
    it's that's there's we're we've we'll they're they've they'll he's she's you're you've let's
  `),
  de: words(`
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus
    bei bin bis bist da damit dann das dass dem den denn der des dessen die dies diese diesem diesen dieser
    dieses doch dort du durch ein eine einem einen einer eines er es etwa euch für gegen gewesen hab habe haben
    hat hatte hatten hier hin hinter ich ihr ihre ihrem ihren ihrer im in ist ja jede jedem jeden jeder jedes
    jetzt kann kein keine können könnte man manche mehr mein meine mit muss nach nicht nichts noch nun nur ob
    oder ohne schon sehr sein seine seinem seinen seiner sich sie sind so soll sollte sondern um und uns unter
    viel vom von vor war waren warum was weil welche wenn wer werden wie wieder will wir wird wo wurde wurden
    zu zum zur zwar zwischen über laut sagte heute gestern jahr jahre
  `),
  fr: words(`
    à au aux avec avait avoir c ce cela celle celui ces cet cette comme dans de des du elle elles en encore est
    et été être eu il ils je la le les leur leurs lui ma mais me même mes moi mon ne ni nos notre nous on ont
    ou où par pas plus pour qu que qui sa sans se selon ses si son sont sur ta te tes toi ton tous tout toute
    très tu un une vos votre vous y a été après avant aussi depuis entre était sera sont ainsi alors déjà
    l d n s j m t c' l' d' qu' n' s' an ans année hier aujourd'hui
  `),
  es: words(`
    a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos
    en entre era es esa ese eso esta estaba estado están este esto estos fue fueron ha había han hasta hay la
    las le les lo los más me mi muy nada ni no nos nuestro o otra otro para pero poco por porque que quien se
    ser si sido sin sobre su sus también tanto te tiene todo todos tras tu un una uno unos y ya año años dijo
    según hoy ayer
  `),
};

/** True when `word` (any case) is a stop word of `lang` (primary subtag; unknown languages use English). */
export function isStopWord(word: string, lang = 'en'): boolean {
  const primary = (lang.split('-')[0] || 'en').toLowerCase();
  const list = STOP_WORDS[primary] ?? STOP_WORDS.en;
  return list?.has(normalise(word)) ?? false;
}
