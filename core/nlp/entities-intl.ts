/**
 * Entities in articles that are not in English (German, French, Spanish, Italian, Dutch, Portuguese): a compact
 * gazetteer of exonyms — the names of countries, capitals and international bodies as those languages write them —
 * mapped to the same keys the English extractor gives ("Vereinigte Staaten", "États-Unis" → place:united states),
 * and people's names found after a title or role ("Bundeskanzler Olaf Scholz", "le président Emmanuel Macron") or,
 * outside German (which capitalises every noun), as runs of two or three capitalised words inside a sentence. A
 * name found once is then counted wherever it, or its surname, recurs. Keys match across languages where names do:
 * a German and an English article about the same summit share "person:kim jong un" and "place:north korea".
 * Pure, no browser API.
 */
import type { EntityMention, EntityType } from '../model';
import { entityKey, normalizeName } from './entities';

/** Exonyms: name as written (normalised) → [type, English name]. */
const EXONYMS = new Map<string, [EntityType, string, boolean]>();
/** Names written in capitals (acronyms: "UN", "EZB") match capitals only: "Un" in "Kim Jong Un" is not the UN. */
function exo(type: EntityType, english: string, names: string): void {
  for (const raw of names.split('|')) {
    const name = raw.trim();
    const acronym = /^[\p{Lu}.]+$/u.test(name) && name.replace(/\./g, '').length <= 6;
    if (name) EXONYMS.set(normalizeName(name), [type, english, acronym]);
  }
}
// Countries and unions (de | fr | es | it | nl | pt, and the English name where it is written the same way).
exo(
  'place',
  'United States',
  'USA|Vereinigte Staaten|Vereinigten Staaten|États-Unis|Etats-Unis|Estados Unidos|EEUU|EE.UU.|Stati Uniti|Verenigde Staten|Amerika',
);
exo(
  'place',
  'United Kingdom',
  'Großbritannien|Grossbritannien|Vereinigtes Königreich|Royaume-Uni|Reino Unido|Regno Unito|Verenigd Koninkrijk|Groot-Brittannië|Grande-Bretagne|Gran Bretaña',
);
exo('place', 'Germany', 'Deutschland|Allemagne|Alemania|Germania|Duitsland|Alemanha');
exo('place', 'France', 'Frankreich|Francia|Frankrijk|França|France');
exo('place', 'Italy', 'Italien|Italie|Italia|Italië|Itália');
exo('place', 'Spain', 'Spanien|Espagne|España|Spagna|Spanje|Espanha');
exo('place', 'Russia', 'Russland|Russie|Rusia|Russia|Rusland|Rússia');
exo('place', 'Ukraine', 'Ukraine|Ucrania|Ucraina|Oekraïne|Ucrânia');
exo('place', 'China', 'China|Chine|Cina|Volksrepublik China');
exo('place', 'Japan', 'Japan|Japon|Japón|Giappone|Japão');
exo(
  'place',
  'North Korea',
  'Nordkorea|Corée du Nord|Corea del Norte|Corea del Nord|Noord-Korea|Coreia do Norte',
);
exo('place', 'South Korea', 'Südkorea|Corée du Sud|Corea del Sur|Corea del Sud|Zuid-Korea|Coreia do Sul');
exo('place', 'Poland', 'Polen|Pologne|Polonia|Polônia');
exo('place', 'Austria', 'Österreich|Autriche|Oostenrijk');
exo('place', 'Switzerland', 'Schweiz|Suisse|Suiza|Svizzera|Zwitserland|Suíça');
exo('place', 'Netherlands', 'Niederlande|Pays-Bas|Países Bajos|Paesi Bassi|Nederland|Holanda');
exo('place', 'Belgium', 'Belgien|Belgique|Bélgica|Belgio|België');
exo('place', 'Turkey', 'Türkei|Turquie|Turquía|Turchia|Turkije|Türkiye');
exo('place', 'Greece', 'Griechenland|Grèce|Grecia|Griekenland|Grécia');
exo('place', 'Israel', 'Israel|Israël|Israele');
exo('place', 'Iran', 'Iran|Irán');
exo('place', 'Syria', 'Syrien|Syrie|Siria|Syrië');
exo('place', 'Egypt', 'Ägypten|Égypte|Egipto|Egitto|Egypte');
exo('place', 'India', 'Indien|Inde|India');
exo('place', 'Brazil', 'Brasilien|Brésil|Brasil|Brasile|Brazilië');
exo('place', 'Mexico', 'Mexiko|Mexique|México|Messico');
exo('place', 'Canada', 'Kanada|Canadá|Canada');
exo('place', 'Sweden', 'Schweden|Suède|Suecia|Svezia|Zweden');
exo('place', 'Norway', 'Norwegen|Norvège|Noruega|Norvegia|Noorwegen');
exo('place', 'Denmark', 'Dänemark|Danemark|Dinamarca|Danimarca|Denemarken');
exo('place', 'Hungary', 'Ungarn|Hongrie|Hungría|Ungheria|Hongarije');
exo('place', 'Saudi Arabia', 'Saudi-Arabien|Arabie saoudite|Arabia Saudita|Saoedi-Arabië');
exo(
  'organization',
  'European Union',
  'EU|UE|Europäische Union|Union européenne|Unión Europea|Unione europea|Europese Unie',
);
exo('place', 'Europe', 'Europa|Europe');
exo('place', 'Gaza', 'Gaza|Gazastreifen|Bande de Gaza|Franja de Gaza|Striscia di Gaza');
// Capitals and cities whose names change between languages.
exo('place', 'Moscow', 'Moskau|Moscou|Moscú|Mosca|Moskou');
exo('place', 'Kyiv', 'Kiew|Kiev|Kyjiw|Kyiv|Kiiv');
exo('place', 'Beijing', 'Peking|Pékin|Pekín|Pechino');
exo('place', 'Brussels', 'Brüssel|Bruxelles|Bruselas|Brussel');
exo('place', 'Washington', 'Washington');
exo('place', 'Paris', 'Paris|París|Parigi|Parijs');
exo('place', 'London', 'London|Londres|Londra|Londen');
exo('place', 'Berlin', 'Berlin|Berlín|Berlino|Berlijn');
exo('place', 'Vienna', 'Wien|Vienne|Viena|Vienna|Wenen');
exo('place', 'Rome', 'Rom|Rome|Roma');
exo('place', 'Warsaw', 'Warschau|Varsovie|Varsovia|Varsavia');
exo('place', 'Geneva', 'Genf|Genève|Ginebra|Ginevra');
exo('place', 'Munich', 'München|Munich|Múnich|Monaco di Baviera');
exo('place', 'Cologne', 'Köln|Cologne|Colonia|Keulen');
exo('place', 'Athens', 'Athen|Athènes|Atenas|Atene');
exo('place', 'Lisbon', 'Lissabon|Lisbonne|Lisboa|Lisbona');
exo('place', 'Jerusalem', 'Jerusalem|Jérusalem|Jerusalén|Gerusalemme');
exo('place', 'Pyongyang', 'Pjöngjang|Pyongyang|Pionyang');
exo('place', 'Seoul', 'Seoul|Séoul|Seúl');
exo('place', 'Tokyo', 'Tokio|Tokyo|Tóquio');
// International bodies.
exo(
  'organization',
  'United Nations',
  'UN|UNO|ONU|VN|Vereinte Nationen|Vereinten Nationen|Nations unies|Naciones Unidas|Nazioni Unite|Verenigde Naties',
);
exo('organization', 'NATO', 'NATO|Nato|OTAN|NAVO');
exo(
  'organization',
  'World Health Organization',
  'WHO|OMS|Weltgesundheitsorganisation|Organisation mondiale de la santé',
);
exo(
  'organization',
  'International Monetary Fund',
  'IWF|FMI|IMF|Internationaler Währungsfonds|Fonds monétaire international',
);
exo(
  'organization',
  'European Central Bank',
  'EZB|BCE|ECB|Europäische Zentralbank|Banque centrale européenne|Banco Central Europeo',
);
exo(
  'organization',
  'European Commission',
  'EU-Kommission|Europäische Kommission|Commission européenne|Comisión Europea',
);
exo('organization', 'Federal Reserve', 'Fed|US-Notenbank');
exo(
  'organization',
  'White House',
  'Weißes Haus|Weiße Haus|Weißen Haus|Weißen Hauses|Maison Blanche|Casa Blanca|Casa Bianca|Witte Huis',
);
exo('organization', 'Kremlin', 'Kreml|Kremlin|Kremlin');

/** Titles and roles after which a capitalised run is a person's name. */
const PERSON_CUES = new Set(
  `präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin ministerpräsident ministerpräsidentin
  minister ministerin außenminister außenministerin verteidigungsminister finanzminister premierminister
  premierministerin regierungschef regierungschefin staatschef machthaber diktator papst könig königin prinz
  herr frau chef chefin sprecher sprecherin trainer bürgermeister bürgermeisterin senator senatorin
  président présidente ministre premier m. mme monsieur madame chancelier chancelière roi reine pape
  presidente ministro ministra primer señor señora canciller rey reina papa signor signora
  premier minister koning koningin paus burgemeester voorzitter`
    .split(/\s+/)
    .filter(Boolean),
);
/** Lower-case words allowed inside a name ("Ursula von der Leyen", "Charles de Gaulle"). */
const NAME_LINKS = new Set([
  'von',
  'van',
  'der',
  'de',
  'den',
  'di',
  'da',
  'del',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'y',
  'bin',
]);
/** Capitalised words that do not start or make a name on their own (months, days, pronouns, sentence openers). */
const NOT_NAME = new Set(
  `januar februar märz april mai juni juli august september oktober november dezember montag dienstag mittwoch
  donnerstag freitag samstag sonntag janvier février mars avril juin juillet août septembre octobre novembre
  décembre lundi mardi mercredi jeudi vendredi samedi dimanche enero febrero marzo abril mayo junio julio agosto
  septiembre octubre noviembre diciembre gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
  der die das ein eine dem den des er sie es wir ihr le la les il elle nous vous ils elles el los las lo gli het
  een wij zij ich auch aber doch nach vor mit bei am im als wenn dass`
    .split(/\s+/)
    .filter(Boolean),
);
/** German noun endings: a capitalised word ending so is a common noun, not part of a name. */
const GERMAN_NOUN = /(ung|heit|keit|schaft|tion|ität|ismus|chen|lein|nis|tum|ling|ment|ik|ie|enz|anz|ur)$/;

interface Token {
  text: string;
  start: number;
  end: number;
  /** First word of its sentence. */
  opener: boolean;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}][\p{L}\p{M}'’.-]*[\p{L}.]|[\p{L}]|[.!?:;]|\n/gu;
  let opener = true;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let word = m[0];
    let at = m.index;
    // French and Italian elision: "l'Union", "d'Italie", "dell'Unione" — the name starts after the apostrophe.
    const elided = /^(?:[cdjlmnst]|qu|dell|nell|sull|all)['’](?=\p{L})/iu.exec(word);
    if (elided) {
      word = word.slice(elided[0].length);
      at += elided[0].length;
    }
    if (/^[.!?:;\n]$/.test(word)) {
      opener = true;
      continue;
    }
    // A trailing full stop ends the sentence unless the word is an abbreviation (one letter, "M.", "Mme.").
    const stop = word.length > 3 && word.endsWith('.') && !/^\p{Lu}\.$|^(Dr|Mme|Sr|St)\.$/u.test(word);
    const clean = stop ? word.slice(0, -1) : word;
    out.push({ text: clean, start: at, end: at + clean.length, opener });
    opener = stop;
  }
  return out;
}

const capitalised = (w: string) => /^\p{Lu}/u.test(w) && !/^\p{Lu}+$/u.test(w.replace(/[.-]/g, ''));

/** Entities of a text in `lang` (not English): exonyms, names after a role, and (outside German) capitalised runs. */
export function extractEntitiesIntl(text: string, lang: string): EntityMention[] {
  const toks = tokens(text);
  const german = lang === 'de';
  const mentions: EntityMention[] = [];
  const taken = new Set<number>();
  const push = (from: number, to: number, type: EntityType, name: string) => {
    for (let k = from; k < to; k++) taken.add(k);
    mentions.push({
      text: text.slice(toks[from]!.start, toks[to - 1]!.end),
      type,
      start: toks[from]!.start,
      end: toks[to - 1]!.end,
      key: entityKey(name, type),
    });
  };

  // Exonyms first, longest match (up to four words).
  for (let i = 0; i < toks.length; i++) {
    for (let n = Math.min(4, toks.length - i); n >= 1; n--) {
      const span = toks.slice(i, i + n);
      const surface = span.map((t) => t.text).join(' ');
      // German genitive: "Nordkoreas", "Russlands".
      const hit =
        EXONYMS.get(normalizeName(surface)) ??
        (german && surface.endsWith('s') ? EXONYMS.get(normalizeName(surface.slice(0, -1))) : undefined);
      if (!hit || !/^\p{Lu}/u.test(surface)) continue;
      if (hit[2] && surface !== surface.toUpperCase()) continue;
      push(i, i + n, hit[0], hit[1]);
      i += n - 1;
      break;
    }
  }

  // People: a capitalised run after a role word, or (not in German) inside a sentence.
  const names = new Map<string, string>();
  for (let i = 0; i < toks.length; i++) {
    if (taken.has(i)) continue;
    const prev = toks[i - 1];
    // The role may end a compound ("US-Präsident", "Ex-Kanzler").
    const cued = !!prev && PERSON_CUES.has(prev.text.toLowerCase().split('-').pop()!);
    if (!cued && (german || toks[i]!.opener)) continue;
    let j = i;
    const words: string[] = [];
    while (j < toks.length && !taken.has(j) && words.length < 4) {
      // A name does not run into the next sentence.
      if (words.length && toks[j]!.opener) break;
      const w = toks[j]!.text;
      if (
        capitalised(w) &&
        !NOT_NAME.has(w.toLowerCase()) &&
        !(german && GERMAN_NOUN.test(w.toLowerCase()))
      ) {
        words.push(w);
        j++;
      } else if (words.length && NAME_LINKS.has(w)) {
        // Link words count only when a capitalised word follows them ("von der Leyen").
        let k = j;
        while (k < toks.length && NAME_LINKS.has(toks[k]!.text)) k++;
        if (k - j > 2 || !toks[k] || !capitalised(toks[k]!.text)) break;
        for (; j < k; j++) words.push(toks[j]!.text);
      } else break;
      // Punctuation between two words ends the name ("Olaf Scholz, Emmanuel Macron").
      if (/[,;()"“”„«»]/.test(text.slice(toks[j - 1]!.end, toks[j]?.start ?? toks[j - 1]!.end))) break;
    }
    const capitals = words.filter((w) => !NAME_LINKS.has(w)).length;
    if (capitals >= 2 && capitals <= 3) {
      const name = words.join(' ');
      push(i, j, 'person', name);
      names.set(normalizeName(words[words.length - 1]!), name);
      i = j - 1;
    }
  }

  // A person named once is counted again where the surname alone recurs.
  if (names.size) {
    for (let i = 0; i < toks.length; i++) {
      if (taken.has(i)) continue;
      const full = names.get(normalizeName(toks[i]!.text));
      if (full && capitalised(toks[i]!.text)) push(i, i + 1, 'person', full);
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}
