/* ipportal search engine: the port of src/search/ that the browser runs, with no page and no
   network. Loaded before js/search.js (the page) by the search page and the 404 page, and by
   tests/search/vectors.mjs in Node, which checks it against tests/fixtures/search-vectors.json as
   tests/it/search/vectors.rs checks the Rust copy: the two must cut and rank text the same way,
   since the index was made with the Rust one.

   1. Tokenizer: a port of src/search/tokenize.rs, fold.rs and stem.rs.
   2. Query analysis and ranking: a port of src/search/query.rs.
   3. Index files (src/search/encode.rs): entry, shards, tables and fragments, decoded and looked
      up; the caller says how a file is loaded (`fetch` in the browser, the disk in Node).
   It defines one global, IpportalSearch, to which js/search.js adds the page. */
(function () {
  "use strict";

  /* ---- 1. Tokenizer (src/search/tokenize.rs) ---------------------------------------------- */

  var MAX_WORD = 40, MAX_CODE_WORDS = 6, MAX_GAP = 3;
  var OFFICES = ["cn", "us", "ep", "wo", "jp", "kr", "de", "gb", "fr", "tw", "ru", "ca", "au"];
  var CHAR = 0, PAIR = 1, WORD = 2, CODE = 3;
  var KIND_NAMES = ["char", "pair", "word", "code"];
  var C_CJK = 0, C_WORD = 1, C_SEP = 2, C_OTHER = 3;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  var SPACE = /\p{White_Space}/u;

  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x2fa1f);
  }

  function classify(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) {
      if ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) return C_WORD;
      if (cp === 32 || (cp >= 9 && cp <= 13) || ch === "," || ch === "." || ch === "/" || ch === "-") return C_SEP;
      return C_OTHER;
    }
    if (isCjk(cp)) return C_CJK;
    if (ALNUM.test(ch)) return C_WORD;
    if (SPACE.test(ch)) return C_SEP;
    return C_OTHER;
  }

  // Traditional → simplified, one character to one (src/search/fold.rs): the build writes the
  // table's pairs into this string ("萬万與与…", from OpenCC's TSCharacters.txt, Apache-2.0).
  var TS_PAIRS = "__IPPORTAL_TS_CHARS__", SIMPLIFIED = new Map();
  (function () {
    var chars = Array.from(TS_PAIRS);
    if (chars.length % 2) return; // not written in: no folding
    for (var i = 0; i < chars.length; i += 2) SIMPLIFIED.set(chars[i], chars[i + 1]);
  })();

  function simplify(ch) { return SIMPLIFIED.get(ch) || ch; }

  // NFKC, then lower case, then traditional → simplified, of one character.
  function fold(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) return ch.toLowerCase();
    if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)) return simplify(ch);
    var out = "";
    for (var x of ch.normalize("NFKC")) for (var l of x.toLowerCase()) out += simplify(l);
    return out;
  }

  function allDigits(s) { return /^[0-9]*$/.test(s); }

  // For an IPC subclass followed by digits only (g06f, g06f1633), the number of digits, else -1.
  function ipcDigits(w) {
    var m = /^[a-hy][0-9]{2}[a-z]([0-9]*)$/.exec(w);
    return m ? m[1].length : -1;
  }

  function isPatentNumber(w) {
    return w.length >= 7 && OFFICES.indexOf(w.slice(0, 2)) >= 0 && /^[a-z]{2}[0-9]{5,}([a-z][0-9]?)?$/.test(w);
  }

  function isCode(w) {
    var d = ipcDigits(w);
    return isPatentNumber(w) || (d >= 3 && d <= 10);
  }

  function startsCode(w) {
    return (OFFICES.indexOf(w.slice(0, 2)) >= 0 && allDigits(w.slice(2))) || ipcDigits(w) >= 0;
  }

  // Calls emit(term, position, kind, span, start, end) per token (start/end: offsets in `text`);
  // returns the next free position.
  function tokenize(text, first, emit) {
    var position = first, run = [], word = "", wordChars = 0, wordStart = 0, wordEnd = 0;
    var words = [], gap = null;
    function flushRun() {
      if (!run.length) return;
      for (var i = 0; i < run.length; i++) {
        emit(run[i].ch, position + i, CHAR, 1, run[i].start, run[i].end);
        if (i + 1 < run.length) {
          emit(run[i].ch + run[i + 1].ch, position + i, PAIR, 1, run[i].start, run[i + 1].end);
        }
      }
      position += run.length;
      run = [];
      gap = null;
    }
    function flushWord() {
      if (!word) return;
      var chars = wordChars;
      wordChars = 0;
      if (chars > MAX_WORD) {
        word = "";
        gap = null;
        return;
      }
      if (isCode(word)) emit(word, position, CODE, 1, wordStart, wordEnd);
      else emit(stem(word), position, WORD, 1, wordStart, wordEnd);
      words.push({ text: word, position: position, joins: gap !== null && gap <= MAX_GAP, start: wordStart, end: wordEnd });
      word = "";
      position += 1;
      gap = 0;
    }
    function push(f, start, end) {
      switch (classify(f)) {
        case C_CJK:
          flushWord();
          run.push({ ch: f, start: start, end: end });
          gap = null;
          break;
        case C_WORD:
          flushRun();
          if (!word) wordStart = start;
          word += f;
          wordChars += 1;
          wordEnd = end;
          break;
        case C_SEP:
          flushRun();
          flushWord();
          if (gap !== null) gap += 1;
          break;
        default:
          flushRun();
          flushWord();
          gap = null;
      }
    }
    var offset = 0;
    for (var ch of text) {
      var start = offset;
      offset += ch.length;
      for (var f of fold(ch)) push(f, start, offset);
    }
    flushRun();
    flushWord();
    joinCodes(words, emit);
    return position;
  }

  // The longest run of words, from each word that can start a code, that is a code.
  function joinCodes(words, emit) {
    var i = 0;
    while (i < words.length) {
      var best = null;
      if (startsCode(words[i].text)) {
        var joined = words[i].text, end = Math.min(words.length, i + MAX_CODE_WORDS);
        for (var j = i + 1; j < end; j++) {
          if (!words[j].joins) break;
          joined += words[j].text;
          if (isCode(joined)) best = { j: j, code: joined };
        }
      }
      if (best) {
        emit(best.code, words[i].position, CODE, best.j - i + 1, words[i].start, words[best.j].end);
        i = best.j + 1;
      } else {
        i += 1;
      }
    }
  }

  function endsInWord(text) {
    var chars = Array.from(text);
    if (!chars.length) return false;
    var folded = Array.from(fold(chars[chars.length - 1]));
    return folded.length > 0 && classify(folded[folded.length - 1]) === C_WORD;
  }

  /* Porter's steps 1a, 1b, 1c and 5a (src/search/stem.rs). */

  function isConsonant(w, i) {
    var c = w[i];
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 || !isConsonant(w, i - 1);
    return true;
  }

  function measure(w) {
    var n = w.length, i = 0, m = 0;
    while (i < n && isConsonant(w, i)) i++;
    for (;;) {
      while (i < n && !isConsonant(w, i)) i++;
      if (i >= n) return m;
      while (i < n && isConsonant(w, i)) i++;
      m++;
    }
  }

  function hasVowel(w) {
    for (var i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
    return false;
  }

  function endsDoubleConsonant(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
  }

  function endsCvc(w) {
    var n = w.length;
    return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) &&
      "wxy".indexOf(w[n - 1]) < 0;
  }

  function ends(w, s) { return w.slice(-s.length) === s; }

  function stem(word) {
    if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
    var w = word;
    // 1a
    if (ends(w, "sses") || ends(w, "ies")) w = w.slice(0, -2);
    else if (ends(w, "s") && !ends(w, "ss")) w = w.slice(0, -1);
    // 1b
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else {
      var suffix = ends(w, "ed") ? 2 : ends(w, "ing") ? 3 : 0;
      if (suffix && hasVowel(w.slice(0, -suffix))) {
        w = w.slice(0, -suffix);
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
        else if (endsDoubleConsonant(w) && "lsz".indexOf(w[w.length - 1]) < 0) w = w.slice(0, -1);
        else if (measure(w) === 1 && endsCvc(w)) w += "e";
      }
    }
    // 1c
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    // 5a
    if (ends(w, "e")) {
      var s = w.slice(0, -1), m = measure(s);
      if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
    }
    return w;
  }

  /* ---- 2. Query analysis and ranking (src/search/query.rs) ------------------------------- */

  var MAX_EXPANSIONS = 64, PREFIX_WEIGHT = 0.8, MIN_PREFIX = 3;

  // Two adjacent words, in either order (index.rs `word_pair`).
  function wordPair(a, b) {
    return compare(a, b) <= 0 ? a + " " + b : b + " " + a;
  }

  function runOf(pairs, position) {
    var start = position, end = position;
    while (start > 0 && pairs.has(start - 1)) start--;
    while (pairs.has(end + 1)) end++;
    return [start, end - start + 2];
  }

  // Positions of the words that a longer code was joined from.
  function consumedOf(tokens) {
    var consumed = new Set();
    tokens.forEach(function (t) {
      if (t.span > 1) for (var p = t.position; p < t.position + t.span; p++) consumed.add(p);
    });
    return consumed;
  }

  function isPart(consumed, t) {
    return (t.kind === WORD || t.kind === CODE) && t.span === 1 && consumed.has(t.position);
  }

  function tokensOf(text) {
    var tokens = [];
    tokenize(text, 0, function (term, position, kind, span) {
      tokens.push({ term: term, position: position, kind: kind, span: span });
    });
    return tokens;
  }

  // Steps 1, 2 and 5 of query.rs `analyse`: the terms of a query, with synonym groups.
  function analyse(query, synonyms) {
    synonyms = synonyms || [];
    var tokens = tokensOf(query), consumed = consumedOf(tokens), typingAt = null;
    if (endsInWord(query)) {
      tokens.forEach(function (t) {
        if ((t.kind === WORD || t.kind === CODE) && !isPart(consumed, t)) {
          typingAt = typingAt === null ? t.position : Math.max(typingAt, t.position);
        }
      });
    }
    var slots = findSynonyms(tokens, synonyms);
    var outside = tokens.filter(function (t) { return slots.every(function (s) { return !overlaps(t, s); }); });
    var terms = termsOf(outside, consumed, typingAt, null);
    // A pair across a slot's edge still rewards the words as typed, side by side.
    tokens.forEach(function (t) {
      var across = t.kind === PAIR && slots.some(function (s) { return overlaps(t, s); }) &&
        !slots.some(function (s) { return within(t, s); });
      if (across && !terms.some(function (q) { return q.term === t.term; })) {
        terms.push({ term: t.term, required: false, prefix: false, synonym: null });
      }
    });
    slots.forEach(function (slot, n) {
      var inside = tokens.filter(function (t) { return within(t, slot); });
      terms = terms.concat(termsOf(inside, consumed, typingAt, [n, 0]));
      var k = 0;
      synonyms[slot.group].forEach(function (member, m) {
        if (m === slot.member) return;
        k += 1;
        var memberTokens = tokensOf(member);
        terms = terms.concat(termsOf(memberTokens, consumedOf(memberTokens), null, [n, k]));
      });
    });
    return terms;
  }

  // Steps 1 and 2 for some of a query's tokens.
  function termsOf(tokens, consumed, typingAt, synonym) {
    var pairs = new Set(), terms = [], previousWord = null;
    tokens.forEach(function (t) { if (t.kind === PAIR) pairs.add(t.position); });
    function add(term, required, prefix) {
      var existing = terms.find(function (q) { return q.term === term; });
      if (existing) {
        existing.required = existing.required || required;
        existing.prefix = existing.prefix || prefix;
      } else {
        terms.push({ term: term, required: required, prefix: prefix, synonym: synonym });
      }
    }
    tokens.forEach(function (t) {
      if (t.kind === CHAR) {
        var alone = !pairs.has(t.position) && (t.position === 0 || !pairs.has(t.position - 1));
        if (alone) add(t.term, true, false);
      } else if (t.kind === PAIR) {
        var run = runOf(pairs, t.position), offset = t.position - run[0];
        add(t.term, offset % 2 === 0 || offset + 2 === run[1], false);
      } else if (isPart(consumed, t)) {
        return;
      } else if (t.kind === WORD) {
        var long = Array.from(t.term).length >= MIN_PREFIX;
        add(t.term, true, long && (t.position === typingAt || startsCode(t.term)));
        if (previousWord && previousWord.position + 1 === t.position) {
          add(wordPair(previousWord.term, t.term), false, false);
        }
        previousWord = t;
      } else {
        add(t.term, true, true);
      }
    });
    return terms;
  }

  // The positions a token covers: a pair two, a code the words it joins, anything else one.
  function extent(t) { return [t.position, t.position + (t.kind === PAIR ? 2 : t.span)]; }
  function overlaps(t, slot) { var e = extent(t); return e[0] < slot.end && e[1] > slot.start; }
  function within(t, slot) { var e = extent(t); return e[0] >= slot.start && e[1] <= slot.end; }

  // The term at each position (a CJK character, a word, a one-word code), in order.
  function units(tokens) {
    return tokens.filter(function (t) { return t.span === 1 && t.kind !== PAIR; })
      .map(function (t) { return [t.position, t.term]; })
      .sort(function (a, b) { return a[0] - b[0] || compare(a[1], b[1]); });
  }

  // Step 5: the members of the groups the query holds, from left to right, the longest first.
  function findSynonyms(tokens, synonyms) {
    if (!synonyms.length) return [];
    var query = units(tokens), members = [], slots = [];
    synonyms.forEach(function (group, g) {
      group.forEach(function (text, m) {
        members.push({ group: g, member: m, units: units(tokensOf(text)).map(function (u) { return u[1]; }) });
      });
    });
    var i = 0;
    while (i < query.length) {
      var best = null;
      members.forEach(function (member) {
        var fits = member.units.length > 0 && member.units.every(function (unit, k) {
          var q = query[i + k];
          return q !== undefined && q[0] === query[i][0] + k && q[1] === unit;
        });
        if (fits && (!best || member.units.length > best.units.length)) best = member;
      });
      if (best) {
        slots.push({ start: query[i][0], end: query[i][0] + best.units.length, group: best.group, member: best.member });
        i += best.units.length;
      } else {
        i += 1;
      }
    }
    return slots;
  }

  // expansions[i]: [{term, postings}] for terms[i]; returns hits, best first.
  function rank(terms, live, expansions, scale) {
    var found = new Map(), located = new Map();
    terms.forEach(function (q, i) {
      // The best weighted impact of the term's matches in each page, and that match's piece.
      var pages = new Map(), pieces = new Map();
      expansions[i].forEach(function (e) {
        var weight = e.term === q.term ? 1 : PREFIX_WEIGHT, p = e.postings;
        for (var k = 0; k < p.docs.length; k++) {
          var w = weight * p.impacts[k], best = pages.get(p.docs[k]);
          if (best === undefined || w > best) {
            pages.set(p.docs[k], w);
            pieces.set(p.docs[k], p.pieces[k]);
          }
        }
      });
      // A prefix counts as one term: its idf is that of all the pages it matches.
      var df = pages.size, idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
      pages.forEach(function (w, doc) {
        var scores = found.get(doc);
        if (!scores) {
          scores = terms.map(function () { return 0; });
          found.set(doc, scores);
          located.set(doc, terms.map(function () { return 0; }));
        }
        scores[i] = idf * w / scale;
        located.get(doc)[i] = pieces.get(doc);
      });
    });
    var groups = groupsOf(terms), hits = [];
    found.forEach(function (scores, doc) {
      var hit = judge(groups, terms, doc, scores);
      if (!hit) return;
      hit.piece = pieceOf(terms, located.get(doc), scores);
      hits.push(hit);
    });
    hits.sort(function (a, b) {
      return (b.tier > 0) - (a.tier > 0) || b.typed - a.typed || b.tier - a.tier ||
        b.matched - a.matched || b.score - a.score || a.doc - b.doc;
    });
    return hits;
  }

  // The piece of a page to show: the one most of the matched terms are densest in (the first of
  // equals; 0, the head's text, for a page of one piece). Word pairs do not vote: they are
  // indexed from the title, headings and summary, never located in a piece.
  function pieceOf(terms, pieces, scores) {
    var votes = new Map(), best = 0, most = 0;
    scores.forEach(function (s, i) {
      if (s > 0 && terms[i].term.indexOf(" ") < 0) votes.set(pieces[i], (votes.get(pieces[i]) || 0) + 1);
    });
    if (!votes.size) return pieces[scores.findIndex(function (s) { return s > 0; })] || 0;
    votes.forEach(function (n, piece) {
      if (n > most || (n === most && piece < best)) { most = n; best = piece; }
    });
    return best;
  }

  // The query's terms by where they belong: outside any synonym slot, or in a slot's member.
  function groupsOf(terms) {
    var groups = { plain: [], slots: [] };
    terms.forEach(function (q, i) {
      if (!q.synonym) { groups.plain.push(i); return; }
      var members = groups.slots[q.synonym[0]] = groups.slots[q.synonym[0]] || [];
      (members[q.synonym[1]] = members[q.synonym[1]] || []).push(i);
    });
    return groups;
  }

  // Step 4 for one page (query.rs `Groups::judge`): null when it has no required term.
  function judge(groups, terms, doc, scores) {
    function has(i) { return scores[i] > 0; }
    function required(ids) { return ids.filter(function (i) { return terms[i].required; }).length; }
    function matched(ids) { return ids.filter(function (i) { return terms[i].required && has(i); }).length; }
    function sum(ids) { var s = 0; ids.forEach(function (i) { s += scores[i]; }); return s; }
    var needed = required(groups.plain), found = matched(groups.plain), score = sum(groups.plain);
    var all = groups.plain.every(has), typed = true;
    groups.slots.forEach(function (members) {
      var typedWords = members[0];
      needed += required(typedWords);
      var k = members.findIndex(function (m) { return matched(m) === required(m); });
      if (k >= 0) {
        found += required(typedWords);
        all = all && members[k].every(has);
        score += sum(members[k]);
        typed = typed && k === 0;
      } else {
        found += matched(typedWords);
        all = false;
        score += sum(typedWords);
        typed = false;
      }
    });
    if (!found) return null;
    return { doc: doc, score: score, tier: found === needed ? (all ? 2 : 1) : 0, matched: found, typed: typed };
  }

  /* ---- 3. Index files (src/search/encode.rs) ------------------------------------------- */

  var utf8 = new TextDecoder();

  // Code point order, the order Rust sorts strings in (JavaScript's < compares UTF-16 units).
  function compare(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j);
  }

  function decodeShard(bytes) {
    var pos = 0;
    function varint() {
      var x = 0, scale = 1, b;
      do {
        if (pos >= bytes.length) throw new Error("damaged search index shard");
        b = bytes[pos++];
        x += (b & 0x7f) * scale;
        scale *= 128;
      } while (b & 0x80);
      return x;
    }
    var n = varint(), terms = new Map(), order = [];
    for (var t = 0; t < n; t++) {
      var length = varint(), term = utf8.decode(bytes.subarray(pos, pos + length));
      pos += length;
      var count = varint(), docs = new Uint32Array(count), impacts = new Uint8Array(count),
        pieces = new Uint16Array(count), doc = 0;
      for (var k = 0; k < count; k++) {
        doc += varint();
        docs[k] = doc;
        // An impact is never 0: a 0 says the piece where the term is densest comes first.
        if (bytes[pos] === 0) { pos++; pieces[k] = varint(); }
        impacts[k] = bytes[pos++];
      }
      terms.set(term, { docs: docs, impacts: impacts, pieces: pieces });
      order.push(term);
    }
    return { terms: terms, order: order };
  }

  // One language's index under `base` (`/search-index/`); `load(url, fresh)` gives a promise of a
  // file's bytes, decompressed (`fresh`: revalidate the cached copy, for entry.bin).
  function Index(base, lang, load) {
    this.url = base + lang + "/";
    this.lang = lang;
    this.load = load;
    this.files = {};
  }

  Index.prototype.file = function (path, decode, fresh) {
    if (!this.files[path]) this.files[path] = this.load(this.url + path, fresh).then(decode);
    return this.files[path];
  };

  Index.prototype.ready = function () {
    var self = this;
    return this.file("entry.bin", function (bytes) {
      var entry = JSON.parse(utf8.decode(bytes));
      if (entry.version !== 3) throw new Error("unknown search index version " + entry.version);
      self.entry = entry;
      return entry;
    }, true);
  };

  // The shard that holds `term`: the last one whose first term is not after it.
  Index.prototype.shardOf = function (term) {
    var shards = this.entry.shards, lo = 0, hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(shards[mid][0], term) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  Index.prototype.shard = function (i) {
    return this.file("s/" + this.entry.shards[i][1] + ".bin", decodeShard);
  };

  // The index terms a query term matches, as in query.rs `expansions`.
  Index.prototype.expansions = function (q) {
    var self = this, start = this.shardOf(q.term), out = [];
    if (!q.prefix) {
      return this.shard(start).then(function (s) {
        var p = s.terms.get(q.term);
        return p ? [{ term: q.term, postings: p }] : [];
      });
    }
    function from(i) {
      if (i >= self.entry.shards.length) return Promise.resolve(out);
      return self.shard(i).then(function (s) {
        for (var k = 0; k < s.order.length; k++) {
          var term = s.order[k];
          if (compare(term, q.term) < 0) continue;
          if (!term.startsWith(q.term) || out.length >= MAX_EXPANSIONS) return out;
          out.push({ term: term, postings: s.terms.get(term) });
        }
        return from(i + 1);
      });
    }
    return from(start);
  };

  // Facet name → {values, docs}.
  Index.prototype.facets = function () {
    return this.file("facets-" + this.entry.facets + ".bin", function (bytes) {
      var byName = {};
      JSON.parse(utf8.decode(bytes)).forEach(function (f) { byName[f.name] = f; });
      return byName;
    });
  };

  // A hit's page as the result shows it: the fragment's head (URL, title, type, date, and the text
  // of a page of one piece), with the text of the piece the hit names for a longer page.
  Index.prototype.fragment = function (hit) {
    var self = this, size = this.entry.table_size, doc = hit.doc, piece = hit.piece || 0;
    function json(bytes) { return JSON.parse(utf8.decode(bytes)); }
    var table = this.file("t/" + this.entry.tables[Math.floor(doc / size)] + ".bin", json);
    return table.then(function (hashes) {
      var name = "f/" + hashes[doc % size], head = self.file(name + ".bin", json);
      if (!piece) return head;
      return Promise.all([head, self.file(name + "-" + piece + ".bin", json)]).then(function (both) {
        return Object.assign({}, both[0], { sections: both[1].sections, piece: piece });
      });
    });
  };

  // Ranks `query` in one language: {index, terms, hits, facets}.
  Index.prototype.search = function (terms) {
    var self = this;
    return this.ready().then(function (entry) {
      return Promise.all([
        Promise.all(terms.map(function (q) { return self.expansions(q); })),
        self.facets()
      ]).then(function (loaded) {
        return {
          index: self,
          hits: rank(terms, entry.live, loaded[0], entry.impact_scale),
          facets: loaded[1]
        };
      });
    });
  };

  /* For the page, the tests and the benchmark. */
  globalThis.IpportalSearch = {
    // The tokens of `text` as [term, position, kind, span], as tests compare them with Rust's.
    tokenize: function (text) {
      var out = [];
      tokenize(text, 0, function (term, position, kind, span) { out.push([term, position, KIND_NAMES[kind], span]); });
      return out;
    },
    // Calls emit(term, position, kind, span, start, end) per token of `text` (start, end: offsets).
    eachToken: function (text, emit) { tokenize(text, 0, emit); },
    analyse: analyse,
    Index: Index
  };
})();
