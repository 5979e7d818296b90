/**
 * Named entities (person / organization / place) in news text: compromise's tagger plus news-specific
 * post-processing. Spans are built from compromise's per-term offsets (its match offsets overrun when a
 * match starts after punctuation), titles are split off ("President Donald Trump" → "Donald Trump"),
 * proper-noun runs are typed with a small gazetteer, head words ("… Bank", "Ministry of …"), title and
 * context cues and the tagger's own tags, then typed consistently within the article; lone surnames
 * reuse the key of the full name. Offsets are UTF-16 code units, end exclusive.
 */
import nlp from 'compromise';
import type { EntityMention, EntityType } from '../model';

// ---------------------------------------------------------------------------------------------------
// Normalisation and keys

/** Lower-case, accents folded, dots and possessives dropped, hyphens as spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s$/i, '')
    .replace(/['’]$/, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[-‐‑–—_/]+/g, ' ')
    .replace(/[^\p{L}\p{N}&' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** Canonical names for spellings of the same entity (normalised form → canonical normalised form). */
const ALIASES: Record<string, string> = {
  us: 'united states',
  usa: 'united states',
  'u s': 'united states',
  america: 'united states',
  'united states of america': 'united states',
  uk: 'united kingdom',
  britain: 'united kingdom',
  'great britain': 'united kingdom',
  un: 'united nations',
  eu: 'european union',
  uae: 'united arab emirates',
  dprk: 'north korea',
  rok: 'south korea',
  'republic of korea': 'south korea',
  "democratic people's republic of korea": 'north korea',
  prc: 'china',
  "people's republic of china": 'china',
  ussr: 'soviet union',
  'russian federation': 'russia',
  nato: 'nato',
  'north atlantic treaty organization': 'nato',
  imf: 'international monetary fund',
  who: 'world health organization',
  wto: 'world trade organization',
  fed: 'federal reserve',
  ecb: 'european central bank',
  ap: 'associated press',
  afp: 'agence france presse',
  kcna: 'korean central news agency',
  opec: 'opec',
  holland: 'netherlands',
  'the netherlands': 'netherlands',
  czechia: 'czech republic',
  burma: 'myanmar',
  'ivory coast': "cote d'ivoire",
};

/**
 * A key that matches across articles and spellings: "person:kim jong un", "place:united states".
 * Lone surnames are resolved to the full name by `extractEntities` (which passes the full name here).
 */
export function entityKey(name: string, type: EntityType): string {
  const n = normalizeName(name);
  return `${type}:${ALIASES[n] ?? n}`;
}

// ---------------------------------------------------------------------------------------------------
// Lexicons (compact, general news knowledge)

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Gazetteer: normalised name → type. Entries written in capitals are acronyms: they match capitals only. */
const GAZETTEER = new Map<string, { type: EntityType; acronym: boolean }>();
function gaz(type: EntityType, list: string): void {
  for (const raw of list.split('|')) {
    const name = raw.trim();
    if (!name) continue;
    const acronym = /^[A-Z0-9&.]+$/.test(name) && name.replace(/\./g, '').length <= 6;
    GAZETTEER.set(normalizeName(name), { type, acronym });
  }
}
/** Countries (and country-like unions): national sides in sports results stay places. */
const COUNTRY_LIST = `U.S.|US|USA|U.S.A.|UK|U.K.|UAE|America|United States|United States of America|Britain|
  Great Britain|United Kingdom|England|Scotland|Wales|Northern Ireland|North Korea|South Korea|DPRK|Macau|
  Jordan|Zaire|Congo|Holland|Bosnia|Georgia|Philippines|Laos|Trinidad|West Indies|Yugoslavia|Soviet Union|
  USSR|Czechoslovakia|Russia|Ukraine|China|Taiwan|Japan|India|Pakistan|Iran|Iraq|Syria|Israel|Lebanon|Turkey|
  Egypt|Germany|France|Italy|Spain|Poland|Canada|Mexico|Brazil|Argentina|Australia|New Zealand|Indonesia`;
const COUNTRIES = new Set<string>();
for (const name of COUNTRY_LIST.split('|')) {
  const n = normalizeName(name.trim());
  COUNTRIES.add(ALIASES[n] ?? n);
  COUNTRIES.add(n);
}
gaz('place', COUNTRY_LIST);
gaz(
  'place',
  `Europe|Asia|Africa|Latin America|Middle East|Balkans|Balkan|Caribbean|Gaza|West Bank|Gulf|Donbas|Crimea|
  Kashmir|Tibet|Xinjiang|Arctic|Pacific|Atlantic|Mediterranean|Sahara|Sinai|Alps|Himalayas|Baltic|Caucasus|
  Scandinavia|Kurdistan|Ulster|Catalonia|Washington|New York|London|Paris|Moscow|Beijing|Tokyo|Seoul|
  Pyongyang|Kyiv|Kiev|Brussels|Geneva|Jerusalem|Tehran|Baghdad|Damascus|Beirut|Cairo|Istanbul|Delhi|
  New Delhi|Mumbai|Bombay|Calcutta|Madras|Kabul|Jakarta|Manila|Bangkok|Hanoi|Saigon|Sydney|Toronto|Ottawa|
  Chicago|Los Angeles|Madrid|Rome|Berlin|Vienna|Warsaw|Wall Street|Rangoon|Yangon|Vientiane|Kathmandu|
  Astana|Bishkek|Chisinau|Ljubljana|Sofia|Nicosia|Valletta|Harare|Lusaka|Kigali|Goma|Maputo|Casablanca|
  Abuja|Aden|Manama|Ramallah|Hebron|Basra|Grozny|Dili|Adelaide|Hobart|Minneapolis|Florence|Bonn|Odesa|
  Mariupol|Sindh|Bengal|Sumatra|Java|Bali|Borneo|Mindanao|Okinawa|Hokkaido|Victoria|Tasmania|Queensland|
  Oval Office|West Wing|Rose Garden|Situation Room|Camp David|Capitol Hill|Mar-a-Lago`,
);

gaz(
  'organization',
  `UN|U.N.|United Nations|EU|E.U.|NATO|Security Council|General Assembly|UNESCO|UNICEF|UNHCR|WHO|WTO|
  IMF|World Bank|OPEC|OECD|ASEAN|African Union|Arab League|G7|G20|Interpol|Red Cross|Amnesty International|
  Human Rights Watch|Greenpeace|European Commission|European Parliament|European Central Bank|ECB|
  Federal Reserve|Fed|Bundesbank|Bank of England|Bank of Japan|White House|Pentagon|Kremlin|Congress|
  Senate|House of Representatives|Parliament|Supreme Court|State Department|Justice Department|
  Treasury|Downing Street|Elysee|Knesset|Duma|Bundestag|FBI|CIA|NSA|DHS|DOJ|SEC|FDA|EPA|NASA|USDA|
  IRS|FAA|FCC|FTC|ICE|CDC|NIH|Republican Party|Democratic Party|Republicans|Democrats|GOP|Labour|
  Conservatives|Tories|Hamas|Hezbollah|Taliban|al Qaeda|al-Qaeda|Islamic State|ISIS|PLO|IRA|ANC|
  Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|BBC|CNN|Fox News|NBC|CBS|ABC|MSNBC|
  NPR|New York Times|Washington Post|Wall Street Journal|Financial Times|The Guardian|Guardian|
  The Economist|Economist|Politico|Axios|Xinhua|Tass|Itar-Tass|Interfax|RIA Novosti|Kyodo|Yonhap|KCNA|
  NK News|Al Jazeera|Nasdaq|NYSE|Dow Jones|FTSE|Nikkei|Moody's|Standard & Poor's|S&P|Fitch|
  Goldman Sachs|JPMorgan|Morgan Stanley|Citigroup|HSBC|Barclays|Deutsche Bank|UBS|Credit Suisse|
  Microsoft|Apple|Google|Alphabet|Amazon|Meta|Facebook|Twitter|Tesla|OpenAI|Nvidia|Intel|IBM|Samsung|
  Sony|Toyota|Honda|Nissan|Volkswagen|BMW|Daimler|Mercedes|General Motors|GM|Ford|Chrysler|Boeing|
  Airbus|Exxon|ExxonMobil|Chevron|Shell|BP|Gazprom|Rosneft|Aramco|Huawei|Alibaba|Tencent|Walmart|
  Nestle|Unilever|Siemens|Nokia|Ericsson|Philips|Fiat|Renault|Peugeot|Lufthansa|British Airways|
  Air France|Qantas|AT&T|Verizon|Vodafone|Pfizer|Moderna|Novartis|Roche|Bayer|FIFA|UEFA|IOC|NBA|NFL|
  NHL|MLB|NCAA|Olympic Committee`,
);

/** Words after which a run is an organisation. */
const ORG_HEADS = words(`
  Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. Plc PLC AG SA NV GmbH LLC Group Holdings Holding Bank
  Bancorp Party Ministry Council Commission Committee Agency Association Federation Union University
  College Institute Organisation Organization Authority Court Department Office Board Fund Exchange
  Airlines Airways Motors Industries Systems Technologies Energy Oil Petroleum Telecom Communications
  Club FC United Rovers Wanderers Athletic Athletico Hotspur Albion Times Post News Journal Herald
  Gazette Tribune Television TV Radio Network Networks Securities Capital Partners Army Navy Police
  Forces Front Movement Church Assembly Parliament Congress Senate Cabinet Government Foundation
  Society Service Services Trust Reserve League Alliance Coalition Brigade Brigades Cooperative
  Railways Railway Steel Mining Chemicals Pharmaceuticals Electric Electronics Software Media Press
  Entertainment Studios Records Stores Foods Insurance Investments Bureau Directorate Guard Command
  Institution Academy Hospital School Schools Museum Council Senate Chamber Commerce Tribunal Desk
  Newsroom Newsdesk Bureau Re BV NV SpA AB ASA Oy KK SE SAB Bhd Tbk
`);
/** Words that open an organisation name when followed by "of" ("Bank of England", "Ministry of Defence"). */
const ORG_OF = words(`
  Bank Ministry University Department Board Council Chamber Institute Museum Church Party Federation
  Union Association Court Commission Office Academy College School Organisation Organization League
  House Society Chamber Conference Confederation Order
`);
/** Words after which a run is a place. */
const PLACE_HEADS = words(`
  River Mountains Mountain Mount Lake Island Islands Province State County Street Valley Sea Ocean Gulf
  Bay Strait Peninsula Republic Kingdom Coast Desert Canal Region District Square Avenue Hills Heights
  Beach Park City Town Village Prefecture Oblast Territory Territories Emirates Strip Plateau Basin Delta
  Ground Stadium Oval Arena Circuit Airport
`);
const PLACE_OF = words(
  `Gulf Bay Sea Republic Kingdom Isle Cape Strait State Province City Sultanate Emirate`,
);

/** Titles and roles that come before a person's name and are not part of it. */
const TITLES = words(`
  President Vice Prime Minister Ministers Chancellor Secretary Senator Sen Sen. Rep Rep. Representative
  Gov Gov. Governor Mayor King Queen Prince Princess Pope Emperor Sultan Sheikh Ayatollah General Gen Gen.
  Colonel Col Col. Lt Lt. Lieutenant Captain Capt Capt. Major Sergeant Sgt Admiral Adm Commander Cmdr
  Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Judge Justice Chairman
  Chairwoman Chair Director Chief CEO Coach Manager Leader Spokesman Spokeswoman Spokesperson Ambassador
  Speaker Executive Rev Rev. Reverend Cardinal Archbishop Bishop Father Commissioner Premier Deputy Acting Former
  Foreign Defence Defense Finance Interior Justice Trade Economy Health Education Attorney Crown Senior
  Striker Midfielder Defender Goalkeeper Captain Officer Inspector Detective Agent Envoy Delegate Mufti
  President-elect Presidente Präsident Kanzlerin Kanzler Bundeskanzler Herr Frau Monsieur Madame Señor
`);
/** Portfolios in titles ("Secretary of State", "Minister of Foreign Affairs"). */
const PORTFOLIOS = words(`
  State Defense Defence Foreign Affairs Finance Justice Interior Health Education Energy Commerce Labor
  Labour Agriculture Transport Transportation Homeland Security Treasury Staff Trade Economy Environment
  Culture War Industry Information Home Internal External Public Works
`);

/** Lower-case role words right before a name: "leader Kim", "striker Igor Shkvyrin". */
const ROLE_WORDS = words(`
  leader president minister chancellor premier spokesman spokeswoman spokesperson secretary senator
  governor mayor king queen prince general colonel captain commander chairman chairwoman director chief
  executive ceo coach manager striker midfielder defender goalkeeper forward winger player champion
  actor actress singer writer author poet artist analyst economist lawyer attorney judge prosecutor
  envoy ambassador diplomat official officer commissioner president-elect candidate rival challenger
  opponent son daughter wife husband brother sister father mother founder owner editor reporter
  correspondent dictator ruler ayatollah cleric rebel commander-in-chief teammate compatriot
  representative lawmaker legislator congressman congresswoman deputy aide adviser advisor counsel
  investor billionaire businessman businesswoman tycoon boss skipper batsman bowler rider driver
  seed cyclist swimmer runner sprinter boxer golfer
`);

/** Lower-case words right before a name that make it an organisation: "Polish brewer Zywiec". */
const ORG_ROLE_WORDS = words(`
  company firm group brewer carrier airline maker automaker carmaker bank lender insurer retailer
  broker producer operator newspaper daily weekly agency subsidiary unit conglomerate club side team
  outlet broadcaster network publisher manufacturer exporter importer refiner miner developer chain
  supplier distributor party movement union organisation organization regulator watchdog
`);
/** Place-name openers that the tagger misses in capitals ("LOS ANGELES", "SAN JOSE"). */
const PLACE_OPENERS = words('los las san santa santo sao st ste new fort port el la le des de du mount lake');

/** True for a word that names a role or kind right before a name ("leader", "outlet", "President"). */
export function isRoleWord(word: string): boolean {
  const w = word.replace(/\.$/, '');
  const lower = w.toLowerCase();
  return ROLE_WORDS.has(lower) || ORG_ROLE_WORDS.has(lower) || (TITLES.has(w) && /^\p{Lu}/u.test(w));
}

const NOT_NAMES = words(`
  January February March April May June July August September October November December Jan Feb Mar Apr
  Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday I A An The
  This That These Those It He She We They You His Her Its Our Their My Your But And Or If When While
  After Before Since During Despite Although Though However Meanwhile Earlier Later Today Yesterday
  Tomorrow Tonight Now Then There Here What Who Why How Where Which Also Still Yet So As At In On Of By
  For From With To Into Under Over About Against Between Among Through Without Within Mon Tue Wed Thu
  Fri Sat Sun GMT EDT EST BST CET UTC AM PM Internet Web Christmas Easter Ramadan God Allah Jesus OK
  No Yes Not All Some Many Most Both Each Every Any Such Other Another One Two Three First Second Last
  Next None Date Total Note Notes Source Sources Editing Reporting Results Result Standings Score Scores
  Ago Draw Tries Select Choice Curr Wk Yr YTD Week Weeks Year Years Month Months Holiday
`);
/** Words that are never a name on their own but may sit inside one ("Melbourne Cricket Ground"). */
const JUNK_ALONE = words(`
  Soccer Football Cricket Tennis Golf Hockey Baseball Basketball Rugby Athletics Cycling Boxing Skiing
  Ice Motorcycling Rowing Swimming Sailing Yachting Racing Sport Sports National International World
  Association Club Union League Group Ground Stadium Park Desk Newsroom Organisation Organization Assembly
  Communications Airways Gas Fuel Oil Few Zulu
`);

/** Nationality and other adjectives that are not entities on their own (MISC). */
const MISC_WORDS = words(`
  Cup Games Olympics Olympic Open Championship Championships Grand Prix Prize Award Awards Trophy Series
  Masters Classic Tour Marathon Rally War Festival Day Act Treaty Accord Accords Agreement Plan Doctrine
  Bill Law Summit Conference Declaration Convention Index Charter
`);

const DEMONYM_RE = /^\p{Lu}\p{L}+(ese|ish|ian|ean|iot|ani|eni|ali|aeli|qi|ic)$/u;
const DEMONYMS = words(`
  American British French German Dutch Swiss Thai Greek Czech Slovak Polish Danish Swedish Irish Welsh
  Scottish English Spanish Turkish Kurdish Jewish Moslem Muslim Arab Arabic Hindu Sikh Christian Catholic
  Protestant Sunni Shi'ite Shiite Islamic Zionist Soviet Yugoslav Serb Croat Bosnian Kuwaiti Israeli
  Pakistani Afghan Iraqi Iranian Saudi Yemeni Emirati Qatari Omani Bangladeshi Nepali Somali Kenyan
  Nigerian Zairean Rwandan Filipino Argentine Chilean Peruvian Cuban Mexican Canadian Korean Japanese
  Chinese Vietnamese Burmese Indonesian Malaysian European Asian African Latin Western Eastern Northern
  Southern Democrat Republican Communist Socialist Liberal Conservative Nazi Marxist Olympic Nobel Indian
  Lebanese Brazilian Russian Ukrainian Belgian Austrian Italian Norwegian Finnish Estonian Latvian
  Lithuanian Hungarian Romanian Bulgarian Albanian Macedonian Slovenian Croatian Serbian Egyptian Libyan
  Algerian Moroccan Tunisian Sudanese Ethiopian Ugandan Tanzanian Zambian Zimbabwean Angolan Australian
  Zealander Taiwanese Singaporean Sri Lankan Syrian Jordanian Palestinian Turkish Cypriot Georgian
  Armenian Azeri Kazakh Uzbek Mongolian Tibetan Colombian Venezuelan Bolivian Uruguayan Paraguayan
  Ecuadorean Ecuadorian Haitian Jamaican Dominican Puerto Rican Kurd Kurds Shia Sunni Hutu Tutsi
  Americans Britons Israelis Palestinians Europeans Asians Africans Arabs Jews Muslims Christians
`);
function isDemonym(t: { text: string; tags: Set<string> }): boolean {
  const w = t.text.replace(/['’]s?$/, '');
  const cap = w[0] + w.slice(1).toLowerCase();
  if (DEMONYMS.has(w) || DEMONYMS.has(cap)) return true;
  if (t.tags.has('Demonym')) return true;
  return (
    DEMONYM_RE.test(cap) &&
    !t.tags.has('Person') &&
    !t.tags.has('FirstName') &&
    !GAZETTEER.has(w.toLowerCase())
  );
}

const SPORTS_RE =
  /\b(?:soccer|football|cricket|tennis|golf|hockey|baseball|basketball|rugby|league|goals?|scored|striker|midfielder|innings|wickets?|coach|division|nhl|nba|nfl|playoffs?|standings|half-?time|penalty|semifinal|quarter-?final|batsman|bowler)\b/gi;

const SAID = words('said says say told added stated argued noted wrote asked declined warned insisted');
const PLACE_PREPS = words('in at from near to into across outside inside around toward towards via');

// ---------------------------------------------------------------------------------------------------
// Tokens from compromise

interface Tok {
  text: string;
  start: number;
  end: number;
  tags: Set<string>;
  pre: string;
  post: string;
  /** Index of the sentence (per compromise) within its line. */
  sentStart: boolean;
  lineIdx: number;
  /** Position in the token list. */
  idx: number;
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

function tokensOf(text: string): { toks: Tok[]; lines: { start: number; end: number; caps: boolean }[] } {
  const toks: Tok[] = [];
  const lines: { start: number; end: number; caps: boolean }[] = [];
  const lineRe = /[^\n]+/g;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    const line = m[0];
    if (!/\p{L}/u.test(line)) continue;
    // column headers of tables ("W L T GF GA PTS", "P W D L F A")
    if (
      /^[\s\p{Lu}\d.%/-]+$/u.test(line) &&
      line
        .trim()
        .split(/\s+/)
        .every((w) => w.length <= 4) &&
      /\s/.test(line.trim())
    )
      continue;
    const letters = line.replace(/[^\p{L}]/gu, '');
    const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
    const caps = letters.length >= 6 && upper / letters.length > 0.75;
    const lineIdx = lines.length;
    lines.push({ start: m.index, end: m.index + line.length, caps });
    // offsets from the terms themselves: pre + text + post rebuild the line (compromise's match offsets
    // overrun after leading punctuation, so they are not used)
    const sents = (nlp(line) as unknown as { document: CompromiseTerm[][] }).document;
    let cursor = m.index;
    for (const sent of sents) {
      let first = true;
      for (const t of sent) {
        cursor += t.pre.length;
        const start = cursor;
        cursor += t.text.length + t.post.length;
        if (!t.text) continue;
        let end = start + t.text.length;
        if (text.slice(start, end) !== t.text) {
          const found = text.indexOf(t.text, start - 2);
          if (found < 0 || found > start + 4) continue;
          end = found + t.text.length;
        }
        const prevTok = toks[toks.length - 1];
        const afterStop =
          !!prevTok &&
          prevTok.lineIdx === lineIdx &&
          /[.!?]["”’']*\s+$/.test(prevTok.post) &&
          !/^(?:(\p{L}\.)+|\p{Lu}|\d+|Mr|Mrs|Ms|Dr|St|Mt|Gen|Lt|Col|Sen|Rep|Gov|Jr|Sr|Inc|Corp|Co|Ltd|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/u.test(
            prevTok.text,
          );
        const sentStart = first || /["“‘(]/.test(t.pre) || afterStop;
        // "U.S.–North Korea", "U.S.-India": split a dash joining two names
        const parts = t.text.split(/(?<=\.)-(?=\p{Lu})|[–—](?=\p{L})/u);
        let at = end - t.text.length;
        parts.forEach((part, k) => {
          const partStart = text.indexOf(part, at);
          const last = k === parts.length - 1;
          toks.push({
            text: part,
            start: partStart,
            end: partStart + part.length,
            tags: t.tags,
            pre: k === 0 ? t.pre : '',
            post: last ? t.post : text.slice(partStart + part.length, partStart + part.length + 1),
            sentStart: k === 0 ? sentStart : false,
            lineIdx,
            idx: toks.length,
          });
          at = partStart + part.length;
        });
        first = false;
      }
    }
  }
  return { toks, lines };
}

// ---------------------------------------------------------------------------------------------------
// Runs

const NAME_TAGS = [
  'ProperNoun',
  'Person',
  'Place',
  'Organization',
  'Country',
  'City',
  'FirstName',
  'LastName',
];
const FUNCTION_TAGS = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Adverb', 'Verb', 'Modal'];
const CONNECTORS = words('of de la le du del della di da van von der den ter bin al el ibn y & du des');

const isCap = (s: string): boolean => /^[\p{Lu}]/u.test(s) || /^(\p{L}\.)+$/u.test(s);
const isAllCaps = (s: string): boolean => /\p{L}/u.test(s) && !/\p{Ll}/u.test(s);
const stripPossessive = (s: string): string => s.replace(/['’]s?$/i, '');
const hasAny = (tags: Set<string>, list: string[]): boolean => list.some((t) => tags.has(t));

function gazLookup(surface: string): EntityType | null {
  const g = GAZETTEER.get(normalizeName(surface));
  if (!g) return null;
  if (g.acronym && /\p{Ll}/u.test(surface.replace(/['’]s$/, ''))) return null;
  return g.type;
}

/** compromise's lexicon (word → tag): a capitalised sentence opener found here is a common word. */
const LEXICON: Record<string, unknown> = (
  nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }
).model().one.lexicon;

/** Lower-case words of the current text (a capitalised opener also written lower-case is a common word). */
let lowerWords: Set<string> | null = null;

function nameLike(tok: Tok, capsLine: boolean): boolean {
  const word = stripPossessive(tok.text);
  if (!isCap(word) || !/\p{L}/u.test(word)) return false;
  if (NOT_NAMES.has(word) || NOT_NAMES.has(word[0] + word.slice(1).toLowerCase())) return !!gazLookup(word);
  if (gazLookup(word)) return true;
  if (capsLine) return hasAny(tok.tags, NAME_TAGS) && !hasAny(tok.tags, FUNCTION_TAGS.slice(0, 5));
  if (tok.sentStart) {
    if (hasAny(tok.tags, FUNCTION_TAGS.slice(0, 5))) return false;
    // a sentence opener is a name when the tagger knows it as one, or when it is no known word
    // ("Speaking at…", "Analysts said…" are words; "Nadim Ladki", "Zywiec" are not)
    if (hasAny(tok.tags, NAME_TAGS.slice(1))) return true;
    const lower = word.toLowerCase();
    if (/(?:ing|ed|ly)$/.test(lower) || lowerWords?.has(lower) || tok.tags.has('Plural')) return false;
    if (LEXICON[lower] !== undefined) return false;
    return true;
  }
  if (tok.tags.has('Gerund') && !hasAny(tok.tags, NAME_TAGS)) return false;
  return !hasAny(tok.tags, ['Pronoun', 'Determiner', 'Conjunction']);
}

interface Run {
  toks: Tok[];
  /** Person cue: a title or role word right before. */
  titled: boolean;
  /** Organisation cue: "brewer", "club"… right before. */
  orgCue: boolean;
  /** A title follows ("Acme Chief Executive …"): an organisation or a place, not a person. */
  beforeTitle?: boolean;
}

function isTitle(tok: Tok): boolean {
  const w = tok.text.replace(/\.$/, '');
  return TITLES.has(w) || TITLES.has(`${w}.`) || (tok.tags.has('Honorific') && !tok.tags.has('LastName'));
}

function buildRuns(toks: Tok[], lines: { caps: boolean }[]): Run[] {
  const runs: Run[] = [];
  let cur: Tok[] = [];
  let titled = false;
  let pendingTitle = false;
  let pendingOrg = false;
  let orgCue = false;
  const close = () => {
    // drop trailing connectors
    while (cur.length && CONNECTORS.has(cur[cur.length - 1]!.text.toLowerCase())) cur.pop();
    if (cur.length) runs.push({ toks: cur, titled, orgCue });
    cur = [];
    titled = false;
    orgCue = false;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1];
    const caps = lines[t.lineIdx]?.caps ?? false;
    const broken =
      !prev ||
      prev.lineIdx !== t.lineIdx ||
      /[,;:!?()"“”‘’[\]–—]|\s-+\s|--/.test(prev.post) ||
      (/\.\s*$/.test(prev.post) &&
        !/^(St|Mt|Ft|Sta|Ste|Jr|Sr|Mr|Mrs|Ms|Dr|Gen|Lt|Col|[A-Z])$/.test(prev.text)) ||
      /['’]s?$/.test(prev.text) ||
      (t.sentStart && !!prev);
    if (broken && cur.length) close();
    if (broken) {
      pendingTitle = false;
      pendingOrg = false;
    }
    const word = stripPossessive(t.text);
    const nx = toks[i + 1];
    // "Secretary of State Marco Rubio", "Minister of Foreign Affairs Wang Yi": the portfolio is part of the title
    if (isTitle(t) && isCap(t.text) && nx?.text === 'of' && nx.lineIdx === t.lineIdx) {
      let k = i + 2;
      if (toks[k]?.text === 'the') k++;
      const startK = k;
      while (
        toks[k] &&
        toks[k]!.lineIdx === t.lineIdx &&
        (PORTFOLIOS.has(toks[k]!.text) || (k > startK && toks[k]!.text === 'and'))
      )
        k++;
      if (k > startK && toks[k] && isCap(toks[k]!.text)) {
        if (cur.length) close();
        pendingTitle = true;
        i = k - 1;
        continue;
      }
    }
    if (
      isTitle(t) &&
      !gazLookup(word) &&
      isCap(t.text) &&
      nx &&
      nx.lineIdx === t.lineIdx &&
      isCap(nx.text) &&
      !ORG_HEADS.has(nx.text) &&
      !/[,;:]/.test(t.post)
    ) {
      // a title ends the current run and marks the next one as a person; the run before it names
      // the person's organisation or country ("Acme Chief Executive …", "U.S. President …")
      if (cur.length) {
        close();
        const last = runs[runs.length - 1];
        if (last) last.beforeTitle = true;
      }
      pendingTitle = true;
      continue;
    }
    if (!caps && ORG_ROLE_WORDS.has(t.text.toLowerCase()) && !isCap(t.text)) {
      if (cur.length) close();
      pendingOrg = true;
      pendingTitle = false;
      continue;
    }
    if (!caps && ROLE_WORDS.has(t.text.toLowerCase()) && !isCap(t.text)) {
      if (cur.length) close();
      pendingTitle = true;
      pendingOrg = false;
      continue;
    }
    const opener =
      caps &&
      PLACE_OPENERS.has(t.text.toLowerCase()) &&
      toks[i + 1] &&
      nameLike(toks[i + 1]!, caps) &&
      toks[i + 1]!.lineIdx === t.lineIdx;
    if (opener || nameLike(t, caps)) {
      // hyphenated lower-case suffix: "Seoul-based" → "Seoul"
      if (cur.length === 0) {
        titled = pendingTitle;
        orgCue = pendingOrg;
        pendingTitle = false;
        pendingOrg = false;
      }
      cur.push(t);
      const suffix = toks[i + 1];
      if (t.post === '-' && suffix && !isCap(suffix.text)) {
        // "Kim Jong-un": a lower-case part that is no English word belongs to the name;
        // "Seoul-based": a word ends the name
        const part = suffix.text.toLowerCase();
        if (LEXICON[part] === undefined && !/(?:ed|ing|ly|er|s)$/.test(part) && part.length <= 4) {
          cur.push(suffix);
          i++;
          continue;
        }
        close();
        i++;
      }
      continue;
    }
    const lower = t.text.toLowerCase();
    const next = toks[i + 1];
    if (lower === 'the' && cur.length && prev?.text.toLowerCase() === 'of' && next && nameLike(next, caps)) {
      cur.push(t);
      continue;
    }
    if (
      cur.length &&
      CONNECTORS.has(lower) &&
      next &&
      next.lineIdx === t.lineIdx &&
      !/[,;:]/.test(t.post) &&
      nameLike(next, caps) &&
      (lower !== 'of' || ORG_OF.has(cur[cur.length - 1]!.text) || PLACE_OF.has(cur[cur.length - 1]!.text))
    ) {
      cur.push(t);
      continue;
    }
    if (cur.length) close();
    const keep = (t.tags.has('Adjective') || t.tags.has('Demonym')) && !isCap(t.text);
    pendingTitle = pendingTitle && keep;
    pendingOrg = pendingOrg && keep;
  }
  if (cur.length) close();
  return runs;
}

// ---------------------------------------------------------------------------------------------------
// Typing

interface Cand {
  toks: Tok[];
  start: number;
  end: number;
  surface: string;
  norm: string;
  scores: Record<EntityType, number>;
  gaz: EntityType | null;
  drop: boolean;
}

const TYPES: EntityType[] = ['person', 'organization', 'place'];

function scoreRun(run: Run, all: Tok[], text: string, lines: { caps: boolean }[]): Cand {
  const toks = run.toks;
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  const start = first.start;
  const lastWord = stripPossessive(last.text);
  const end = last.start + lastWord.length;
  const surface = text.slice(start, end);
  const norm = normalizeName(surface);
  const scores: Record<EntityType, number> = { person: 0, organization: 0, place: 0 };
  const g = gazLookup(surface);
  const lineIsCaps = lines[first.lineIdx]?.caps ?? false;
  const cand: Cand = { toks, start, end, surface, norm, scores, gaz: g, drop: false };
  if (g) scores[g] += 10;
  const words = toks.map((t) => stripPossessive(t.text));
  const lastW = words[words.length - 1]!;
  const lastCap = lastW[0] + lastW.slice(1).toLowerCase();
  // MISC: demonyms, events, laws
  if (!g) {
    if (last.tags.has('Demonym') && !ORG_HEADS.has(lastW)) cand.drop = true;
    if (toks.length === 1 && isDemonym(last)) cand.drop = true;
    if (MISC_WORDS.has(lastW) || MISC_WORDS.has(lastCap)) cand.drop = true;
  }
  if (!g && words.every((w) => JUNK_ALONE.has(w) || JUNK_ALONE.has(w[0] + w.slice(1).toLowerCase())))
    cand.drop = true;
  if (ORG_HEADS.has(lastW) || ORG_HEADS.has(lastCap)) scores.organization += 4;
  if (PLACE_HEADS.has(lastW) || PLACE_HEADS.has(lastCap)) scores.place += 3;
  const ofIdx = words.findIndex((w) => w.toLowerCase() === 'of');
  if (ofIdx > 0) {
    const head = words[ofIdx - 1]!;
    if (ORG_OF.has(head)) scores.organization += 5;
    if (PLACE_OF.has(head)) scores.place += 4;
  }
  if (run.titled) scores.person += 5;
  if (run.orgCue) scores.organization += 5;
  if (run.beforeTitle) scores.organization += 1.5;
  // tagger evidence
  toks.forEach((t, i) => {
    if (t.tags.has('Person')) scores.person += 1;
    if (i === 0 && t.tags.has('FirstName')) scores.person += 1.5;
    if (t.tags.has('Honorific')) scores.person += 1;
    if (t.tags.has('Place') || t.tags.has('Country') || t.tags.has('City')) scores.place += 1.5;
    if (t.tags.has('Organization')) scores.organization += 1.5;
  });
  // acronyms read as organisations ("USDA", "ILO")
  const caps = words.every((w) => isAllCaps(w));
  const lineCaps = isAllCaps(text.slice(first.start - 0, last.end)) && toks.length > 0;
  if (toks.length === 1 && /^[A-Z]{2,6}$/.test(lastW) && !g && !lineIsCaps) scores.organization += 2;
  // "SpaceX", "OpenAI", "YouTube": brand-style capitals inside a word
  if (toks.length === 1 && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(lastW) && !g) scores.organization += 1.5;
  if (toks.length === 1 && /^(\p{Lu}\.){2,}$/u.test(surface) && !g) scores.organization += 2;
  // context
  const idx = last.idx;
  const after = all[idx + 1];
  const before = all[first.idx - 1];
  if (after && SAID.has(after.text.toLowerCase())) scores.person += 0.8;
  if (before && SAID.has(before.text.toLowerCase())) scores.person += 0.8;
  if (before && PLACE_PREPS.has(before.text.toLowerCase()) && before.lineIdx === first.lineIdx)
    scores.place += 0.6;
  if (after && /^\d{4}-\d{2}-\d{2}$/.test(after.text)) scores.place += 3; // dateline
  // two or three plain capitalised words with no other cue: most often a person in news
  if (
    !caps &&
    !lineCaps &&
    toks.length >= 2 &&
    toks.length <= 3 &&
    !words.some((w) => CONNECTORS.has(w.toLowerCase()))
  )
    scores.person += 0.5;
  if (toks.length === 1 && !caps) scores.person += 0.2;
  return cand;
}

function bestType(scores: Record<EntityType, number>): EntityType | null {
  let best: EntityType | null = null;
  let bv = 0;
  for (const t of TYPES) {
    if (scores[t] > bv) {
      bv = scores[t];
      best = t;
    }
  }
  return best;
}

/** Named entities of `text`, in text order. */
export function extractEntities(text: string): EntityMention[] {
  const { toks, lines } = tokensOf(text);
  lowerWords = new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}'’-]*/gu) ?? []);
  const runs = buildRuns(toks, lines);
  const cands: Cand[] = runs.map((r) => scoreRun(r, toks, text, lines)).filter((c) => !c.drop && c.norm);

  // result lines and tables ("Leeds 2 Arsenal 1", "Barcelona 10 7 2 1 22 10 23"): the names are teams,
  // organisations unless they are countries (national sides); players keep their person reading
  const tableRe =
    /^\s*(?:\d+\.\s+)?(\p{Lu}[\p{L}.'&-]*(?: (?:\p{Lu}[\p{L}.'&-]*|de|of|la|del|van|von)){0,4})\s+\d+\s+(?:(\p{Lu}[\p{L}.'&-]*(?: (?:\p{Lu}[\p{L}.'&-]*|de|of|la|del|van|von)){0,4})\s+\d+\s*(?:\([^)]*\))?\s*|[\d.:+\-/ ]+)$/u;
  for (const line of lines) {
    const m = tableRe.exec(text.slice(line.start, line.end));
    if (!m) continue;
    const groups: [number, string][] = [];
    const s1 = m[1];
    if (s1) groups.push([line.start + m[0].indexOf(s1), s1]);
    const s2 = m[2];
    if (s2) groups.push([line.start + m[0].lastIndexOf(s2), s2]);
    for (const [gs, g] of groups) {
      const ge = gs + g.length;
      const inside = toks.filter((t) => t.start >= gs && t.end <= ge);
      if (!inside.length || !isCap(g)) continue;
      if (NOT_NAMES.has(g) || JUNK_ALONE.has(g) || isDemonym(inside[0]!)) continue;
      const norm = normalizeName(g);
      const isPerson =
        inside.length >= 2 && inside[0]!.tags.has('FirstName') && !inside.some((t) => t.tags.has('Place'));
      const isCountry = COUNTRIES.has(ALIASES[norm] ?? norm) || inside.every((t) => t.tags.has('Country'));
      const type: EntityType = isPerson ? 'person' : isCountry ? 'place' : 'organization';
      for (let k = cands.length - 1; k >= 0; k--) {
        const c = cands[k]!;
        if (c.start < ge && c.end > gs) cands.splice(k, 1);
      }
      const scores: Record<EntityType, number> = { person: 0, organization: 0, place: 0 };
      scores[type] = 6;
      cands.push({ toks: inside, start: gs, end: ge, surface: g, norm, scores, gaz: null, drop: false });
    }
  }
  cands.sort((a, b) => a.start - b.start);

  // datelines: "VAIL, Colo. 1996-12-06", "LONDON 1996-08-30", "SEOUL, June 27 (Reuters) -"
  const datelineRe =
    /^\s*(\p{Lu}[\p{Lu}.'-]+(?: \p{Lu}[\p{Lu}.'-]+){0,3})(?=\s*(?:,\s*\p{Lu}|\(|\d{4}-\d\d-\d\d))/u;
  for (const line of lines) {
    const lineText = text.slice(line.start, line.end);
    const m = datelineRe.exec(lineText);
    if (
      !m ||
      !/\d{4}-\d\d-\d\d|\(\s*\p{Lu}|\b(?:19|20)\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/u.test(
        lineText,
      )
    )
      continue;
    const g = m[1]!;
    if (NOT_NAMES.has(g[0] + g.slice(1).toLowerCase())) continue;
    const gs = line.start + m[0].indexOf(g);
    const ge = gs + g.length;
    const inside = toks.filter((t) => t.start >= gs && t.end <= ge);
    if (!inside.length) continue;
    for (let k = cands.length - 1; k >= 0; k--) {
      const c = cands[k]!;
      if (c.start < ge && c.end > gs) cands.splice(k, 1);
    }
    cands.push({
      toks: inside,
      start: gs,
      end: ge,
      surface: g,
      norm: normalizeName(g),
      scores: { person: 0, organization: 0, place: 8 },
      gaz: null,
      drop: false,
    });
  }
  cands.sort((a, b) => a.start - b.start);

  // cricket scorecards: "Smith c Jones b Brown 35" – the names are players
  for (const c of cands) {
    const i = c.toks[0]!.idx;
    const j = c.toks[c.toks.length - 1]!.idx;
    const before = toks[i - 1];
    const after = toks[j + 1];
    const cue = (t: Tok | undefined, lineIdx: number) =>
      !!t && t.lineIdx === lineIdx && /^(?:c|b|st|lbw)$/.test(t.text);
    if (cue(before, c.toks[0]!.lineIdx) || cue(after, c.toks[0]!.lineIdx)) c.scores.person += 6;
  }

  // sports reports: clubs are named after their cities
  const sportsWords = (text.match(SPORTS_RE) ?? []).length;
  const scoreLines = lines.filter((l) =>
    /\p{L}\s+\d{1,3}\s+\p{L}|\b\d{1,2}-\d{1,2}\b/u.test(text.slice(l.start, l.end)),
  ).length;
  const sportsDoc = sportsWords >= 4 || (sportsWords >= 2 && scoreLines >= 3);

  // sports results and tables: a club named after a city next to a score is an organisation
  for (const c of cands) {
    const lastTok = c.toks[c.toks.length - 1]!;
    const i = lastTok.idx;
    const next = toks[i + 1];
    const nextNum = next && next.lineIdx === lastTok.lineIdx && /^\d{1,3}$/.test(next.text);
    const isCountry =
      c.toks.some((t) => t.tags.has('Country')) ||
      (c.gaz === 'place' && !c.toks.some((t) => t.tags.has('City')));
    const personish =
      c.toks.length >= 2 &&
      !c.gaz &&
      !(lines[lastTok.lineIdx]?.caps ?? false) &&
      !c.toks.some((t) => t.tags.has('Place') || t.tags.has('Organization'));
    if (nextNum && !isCountry && c.gaz !== 'person' && !personish) {
      c.scores.organization += 4;
    }
  }

  // document-level consistency: pool the evidence of every mention of a name
  const pooled = new Map<string, Record<EntityType, number>>();
  for (const c of cands) {
    const p = pooled.get(c.norm) ?? { person: 0, organization: 0, place: 0 };
    for (const t of TYPES) p[t] += c.scores[t];
    pooled.set(c.norm, p);
  }
  const fullNameParts = new Set<string>();
  for (const c of cands) {
    if (c.toks.length < 2) continue;
    const p = pooled.get(c.norm)!;
    if (bestType(p) === 'person') for (const part of c.norm.split(' ')) fullNameParts.add(part);
  }
  const typed: { c: Cand; type: EntityType }[] = [];
  for (const c of cands) {
    const own = bestType(c.scores);
    const pool = pooled.get(c.norm)!;
    let type = c.gaz ?? bestType(pool) ?? own;
    const dateline = !c.gaz && c.scores.place >= 8;
    if (sportsDoc && type === 'place' && !COUNTRIES.has(ALIASES[c.norm] ?? c.norm) && !dateline) {
      const i = c.toks[0]!.idx;
      const before = toks[i - 1];
      const inPlace =
        before && before.lineIdx === c.toks[0]!.lineIdx && /^(?:in|near|outside|of)$/i.test(before.text);
      const country = c.toks.every((t) => t.tags.has('Country'));
      if (!inPlace && !country) type = 'organization';
    }
    // unknown single names in sports reports are mostly clubs; players come with a full name first
    if (
      sportsDoc &&
      type === 'person' &&
      c.toks.length === 1 &&
      !c.gaz &&
      pool.person < 2 &&
      !c.toks[0]!.tags.has('Person') &&
      !fullNameParts.has(c.norm)
    )
      type = 'organization';
    if (type) typed.push({ c, type });
  }

  // persons: full names, then lone surnames / first tokens
  const fullByPart = new Map<string, string>();
  for (const { c, type } of typed) {
    if (type !== 'person') continue;
    const parts = c.norm.split(' ');
    if (parts.length < 2) continue;
    const lastPart = parts[parts.length - 1]!;
    if (!fullByPart.has(lastPart)) fullByPart.set(lastPart, c.norm);
    if (!fullByPart.has(parts[0]!) && parts[0]!.length > 2) fullByPart.set(parts[0]!, c.norm);
  }
  const personNorms = [...new Set(typed.filter((t) => t.type === 'person').map((t) => t.c.norm))];
  const out: EntityMention[] = [];
  for (const t of typed) {
    let type = t.type;
    let keyName = t.c.surface;
    const pool = pooled.get(t.c.norm)!;
    if (!t.c.norm.includes(' ')) {
      const full = fullByPart.get(t.c.norm);
      const isLast = !!full && full.endsWith(` ${t.c.norm}`);
      const weak = pool.organization < 3 && pool.place < 3;
      if (full && !t.c.gaz && (type === 'person' || (isLast && weak))) {
        type = 'person';
        keyName = full;
      }
    } else if (type === 'person') {
      // "Van Boxmeer" after "Jean van Boxmeer"
      const longer = personNorms.find((n) => n.length > t.c.norm.length && n.endsWith(` ${t.c.norm}`));
      if (longer) keyName = longer;
    }
    out.push({ text: t.c.surface, type, start: t.c.start, end: t.c.end, key: entityKey(keyName, type) });
  }
  // lone surnames the tagger did not take as names (sentence openers like "Marsh said…")
  const lastNames = new Map<string, string>();
  for (const [part, full] of fullByPart)
    if (full.endsWith(` ${part}`) && part.length > 2) lastNames.set(part, full);
  if (lastNames.size) {
    for (const t of toks) {
      const word = stripPossessive(t.text);
      const full = lastNames.get(normalizeName(word));
      if (!full || !isCap(word)) continue;
      const end = t.start + word.length;
      if (out.some((e) => e.start < end && t.start < e.end)) continue;
      out.push({ text: word, type: 'person', start: t.start, end, key: entityKey(full, 'person') });
    }
    out.sort((a, b) => a.start - b.start);
  }
  lowerWords = null;
  return out;
}
