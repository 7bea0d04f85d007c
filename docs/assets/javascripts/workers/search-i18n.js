// Material's search worker, searching the pages of one language only.
//
// Pages start this file as their search worker (`search-i18n.js?lang=et&worker=search.….js`,
// set by the build). The site has one search index for every language, each entry marked with
// its "lang"; this wrapper drops the other languages' entries from the index before Material's
// worker, loaded next, builds its lunr index from it.
//
// It also rewrites the reader's query before Material reads it (a query with search operators
// of its own, + - * ^ ~ : or quotes, is left as it is):
// - an abbreviation with an Estonian case ending or an English plural ("NPS-i", "KPI-dega",
//   "KPIs") is read as the abbreviation, since the ending alone would match every word;
// - Material matches every word as the start of a word, which ranks "teeninduskanal" (36 forms
//   starting with "teenindus") with "teenindus" itself: each word is also searched as a whole
//   word, weighted EXACT times, so the page of the word typed comes first;
// - in a query of several words, every word of four letters or more must occur (as the start
//   of a word), and the words together are looked up in the index's "phrase" field, where the
//   build puts each name of several words joined by "_" ("_net_promoter_score"): the very
//   name typed weighs PHRASE times, a longer name it starts ("_kliendi_hääle_meetodid" for
//   "kliendi hääl") EXACT times, so the page of that name comes before pages of its words.
//
// Before all that, a query is cut to its first MAX_WORDS words and MAX_CHARACTERS characters
// (cap). Every word becomes clauses of lunr's query, and lunr's time and the highlighting of
// every result grow with them: a pasted paragraph of 300 words kept the worker busy for 12–16 s,
// and every query typed after it waited behind it. No name in the glossary is that long.
const params = new URL(self.location.href).searchParams;
const lang = params.get("lang");
const material = new URL(params.get("worker") || "", self.location.href);

// Material's SearchMessageType: SETUP carries the index, QUERY the reader's text.
const SETUP = 0;
const QUERY = 2;
const EXACT = 100;
const PHRASE = 1000;
const REQUIRED_LENGTH = 4;
const MAX_WORDS = 10;
const MAX_CHARACTERS = 200;
const OPERATORS = /["+*^~:]|(?:^|\s)-/;
const CASE_ENDING = /(?<![\p{L}\d])([\p{L}\d]*\p{Lu}[\p{L}\d]*\p{Lu}[\p{L}\d]*)-\p{Ll}{1,4}(?![\p{L}\d-])/gu;
const PLURAL = /(?<![\p{L}\d])([\p{L}\d]*\p{Lu}[\p{L}\d]*\p{Lu})s(?![\p{L}\d-])/gu;
let separator = /[\s-]+/u; // replaced by the index's own separator

self.addEventListener("message", ({ data: message }) => {
  if (!message) return;
  if (message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
    if (lang) message.data.docs = message.data.docs.filter((d) => !d.lang || d.lang === lang);
    try {
      separator = new RegExp(message.data.config.separator, "u");
    } catch {
      // keep the default: spaces and hyphens
    }
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = rewrite(cap(message.data));
  }
});

function cap(query) {
  const start = Array.from(query.trimStart()).slice(0, MAX_CHARACTERS).join("");
  return start.split(/\s+/u).slice(0, MAX_WORDS).join(" ");
}

function rewrite(query) {
  const plain = query.replace(CASE_ENDING, "$1").replace(PLURAL, "$1");
  if (OPERATORS.test(plain)) return plain;
  const words = plain.split(separator).filter((word) => word);
  const several = words.length > 1;
  const clauses = words.map((word) => {
    const required = several && [...word].length >= REQUIRED_LENGTH ? "+" : "";
    return `${word}^${EXACT} ${required}${word}*`;
  });
  if (several) {
    const phrase = `_${words.join("_")}`;
    clauses.push(`${phrase}^${PHRASE}`, `${phrase}*^${EXACT}`);
  }
  return clauses.join(" ");
}

if (material.origin === self.location.origin) {
  importScripts(material.href);
}
