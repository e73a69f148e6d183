//! A [`LangIndex`] → the files the browser fetches, each gzip-compressed and named by a hash of
//! its bytes (so a host can cache them forever), except the small `entry.bin` that names them:
//!
//! | file | holds |
//! |---|---|
//! | `entry.bin` | JSON: the shard table (first term and hash of each), the facets and table files, the synonym groups |
//! | `s/<hash>.bin` | a shard: a run of terms in order, each with its postings (binary, below) |
//! | `facets-<hash>.bin` | JSON: every document's facet values, for filtering and counts |
//! | `t/<hash>.bin` | JSON: the fragment hashes of [`TABLE_SIZE`] consecutive documents |
//! | `f/<hash>.bin` | JSON: one document's URL, title, type, date, number of pieces, and its text by heading (excerpts) when it is one piece |
//! | `f/<hash>-<k>.bin` | JSON: the text by heading of piece `k` (from 1) of a document of more than one ([`super::pieces`]) |
//!
//! A shard, after gunzip, is a sequence of unsigned LEB128 varints: the number of terms, then per
//! term its UTF-8 length and bytes and the number of postings, and per posting the document id
//! minus the previous one and the impact (one byte, never 0). A posting in a document of more
//! than one piece has a 0 byte and the number of the piece to show before its impact.
//!
//! Encoding again after [`LangIndex::upsert`] keeps the shard boundaries and re-encodes only the
//! shards, fragments and tables that changed.

use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::index::{IMPACT_SCALE, LangIndex, Posting};
use super::pieces::pieces;

/// A shard is closed once its terms take this many bytes before compression. A query fetches a
/// shard per term, and a Chinese question is many character pairs: on the judged portal
/// `职务发明的奖励报酬` fetched 46 KB of shards at 8 KB, 20 KB at 4 KB (the price: a longer
/// shard table in `entry.bin`, 1,535 entries instead of 1,019 on the 10,000-page corpus).
pub const SHARD_TARGET: usize = 4 * 1024;
/// Documents per fragment table.
pub const TABLE_SIZE: usize = 32;
/// Version of the format, checked by the browser.
pub const FORMAT_VERSION: u32 = 3;

/// What the last encoding wrote, so the next one can reuse what did not change.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    /// Per shard: its first term (`""` for the first shard) and its file's hash.
    shards: Vec<(String, String)>,
    /// Per document id: the hash of its fragment and its number of files (`None` when removed).
    fragments: Vec<Option<(String, usize)>>,
    /// Per table: its hash.
    tables: Vec<String>,
    /// Every file written, so that the next encoding can name those it no longer needs.
    files: Vec<String>,
}

/// The result of encoding one language.
#[derive(Debug, Default)]
pub struct Encoded {
    /// Files new or changed since the last encoding: path (relative to the language's folder)
    /// and bytes.
    pub changed: Vec<(String, Vec<u8>)>,
    /// Every file the index is made of now.
    pub files: Vec<String>,
    /// Files of the last encoding that the index is no longer made of (old shards, fragments
    /// and tables, named by hashes of contents that changed): `serve` removes them.
    pub removed: Vec<String>,
}

/// Encodes the index; only what changed since the last call is in [`Encoded::changed`].
pub fn encode(index: &mut LangIndex) -> Encoded {
    let previous = index.layout.take().unwrap_or_default();
    let mut out = Encoded::default();
    let shards = encode_shards(index, &previous, &mut out);
    let fragments = encode_fragments(index, &previous, &mut out);
    let tables = encode_tables(index, &previous, &fragments, &mut out);
    let facets = add(
        &mut out,
        "facets-",
        Gzip::new().compress(&facets_json(index)),
    );
    let entry = json!({
        "version": FORMAT_VERSION,
        "lang": index.lang,
        "docs": index.docs.len(),
        "live": index.live_docs(),
        "impact_scale": IMPACT_SCALE,
        "table_size": TABLE_SIZE,
        "shards": shards,
        "facets": facets,
        "tables": tables,
        "synonyms": index.synonyms,
    });
    out.changed.push((
        "entry.bin".into(),
        Gzip::new().compress(entry.to_string().as_bytes()),
    ));
    out.files.push("entry.bin".into());
    index.dirty_terms.clear();
    index.dirty_docs.clear();
    let now: std::collections::HashSet<&String> = out.files.iter().collect();
    out.removed = previous
        .files
        .iter()
        .filter(|f| !now.contains(f))
        .cloned()
        .collect();
    index.layout = Some(Layout {
        shards,
        fragments,
        tables,
        files: out.files.clone(),
    });
    out
}

/// Adds a content-hashed file `<prefix><hash>.bin`; returns the hash.
fn add(out: &mut Encoded, prefix: &str, bytes: Vec<u8>) -> String {
    let hash = hash(&bytes);
    let path = format!("{prefix}{hash}.bin");
    out.files.push(path.clone());
    out.changed.push((path, bytes));
    hash
}

fn encode_shards(index: &LangIndex, previous: &Layout, out: &mut Encoded) -> Vec<(String, String)> {
    let groups: Vec<(String, Option<Vec<u8>>, String)> = if previous.shards.is_empty() {
        pack(index)
            .into_iter()
            .map(|(first, bytes)| (first, Some(bytes), String::new()))
            .collect()
    } else {
        previous
            .shards
            .iter()
            .enumerate()
            .map(|(i, (first, hash))| {
                let end = previous.shards.get(i + 1).map(|(f, _)| f.as_str());
                let range = term_range(first, end);
                let dirty = index.dirty_terms.range::<str, _>(range).next().is_some();
                let bytes = dirty.then(|| {
                    let mut raw = Vec::new();
                    let terms: Vec<_> = index.terms.range::<str, _>(range).collect();
                    write_varint(&mut raw, terms.len() as u64);
                    for (term, postings) in terms {
                        raw.extend(encode_term(term, postings));
                    }
                    raw
                });
                (first.clone(), bytes, hash.clone())
            })
            .collect()
    };
    let compressed: Vec<(String, Option<Vec<u8>>, String)> = groups
        .into_par_iter()
        .map_init(Gzip::new, |gzip, (first, raw, hash)| {
            (first, raw.map(|r| gzip.compress(&r)), hash)
        })
        .collect();
    compressed
        .into_iter()
        .map(|(first, bytes, old_hash)| match bytes {
            Some(bytes) => {
                let hash = add(out, "s/", bytes);
                (first, hash)
            }
            None => {
                out.files.push(format!("s/{old_hash}.bin"));
                (first, old_hash)
            }
        })
        .collect()
}

/// Terms from `first` (everything when it is `""`) up to, not including, `end`.
fn term_range<'a>(
    first: &'a str,
    end: Option<&'a str>,
) -> (std::ops::Bound<&'a str>, std::ops::Bound<&'a str>) {
    use std::ops::Bound::{Excluded, Included, Unbounded};
    (
        if first.is_empty() {
            Unbounded
        } else {
            Included(first)
        },
        end.map_or(Unbounded, Excluded),
    )
}

/// Groups every term into shards of about [`SHARD_TARGET`] bytes: (first term, raw bytes).
fn pack(index: &LangIndex) -> Vec<(String, Vec<u8>)> {
    let encoded: Vec<(&String, Vec<u8>)> = index
        .terms
        .par_iter()
        .map(|(term, postings)| (term, encode_term(term, postings)))
        .collect();
    let mut shards: Vec<(String, Vec<Vec<u8>>, usize)> = Vec::new();
    for (term, bytes) in encoded {
        match shards.last_mut() {
            Some((_, terms, size)) if *size < SHARD_TARGET => {
                *size += bytes.len();
                terms.push(bytes);
            }
            _ => {
                let first = if shards.is_empty() {
                    String::new()
                } else {
                    term.clone()
                };
                shards.push((first, Vec::new(), bytes.len()));
                shards.last_mut().expect("just pushed").1.push(bytes);
            }
        }
    }
    if shards.is_empty() {
        shards.push((String::new(), Vec::new(), 0));
    }
    shards
        .into_iter()
        .map(|(first, terms, size)| {
            let mut raw = Vec::with_capacity(size + 4);
            write_varint(&mut raw, terms.len() as u64);
            terms.iter().for_each(|t| raw.extend_from_slice(t));
            (first, raw)
        })
        .collect()
}

fn encode_term(term: &str, postings: &[Posting]) -> Vec<u8> {
    let mut out = Vec::with_capacity(term.len() + postings.len() * 2 + 4);
    write_varint(&mut out, term.len() as u64);
    out.extend_from_slice(term.as_bytes());
    write_varint(&mut out, postings.len() as u64);
    let mut last = 0;
    for p in postings {
        write_varint(&mut out, u64::from(p.doc - last));
        last = p.doc;
        if p.piece != 0 {
            out.push(0);
            write_varint(&mut out, u64::from(p.piece));
        }
        out.push(p.impact);
    }
    out
}

fn encode_fragments(
    index: &LangIndex,
    previous: &Layout,
    out: &mut Encoded,
) -> Vec<Option<(String, usize)>> {
    let mut fragments = previous.fragments.clone();
    fragments.resize(index.docs.len(), None);
    let dirty: Vec<u32> = index.dirty_docs.iter().copied().collect();
    let encoded: Vec<(u32, Option<Vec<Vec<u8>>>)> = dirty
        .par_iter()
        .map_init(Gzip::fast, |gzip, &id| {
            let files = index.docs[id as usize].as_ref().map(|d| {
                fragment_json(d)
                    .iter()
                    .map(|json| gzip.compress(json))
                    .collect()
            });
            (id, files)
        })
        .collect();
    for (id, files) in encoded {
        fragments[id as usize] = files.map(|files| {
            let hash = hash(&files.concat());
            let count = files.len();
            for (k, bytes) in files.into_iter().enumerate() {
                let path = fragment_file(&hash, k);
                out.files.push(path.clone());
                out.changed.push((path, bytes));
            }
            (hash, count)
        });
    }
    for (id, fragment) in fragments.iter().enumerate() {
        if let Some((hash, files)) = fragment
            && !index.dirty_docs.contains(&(id as u32))
        {
            out.files
                .extend((0..*files).map(|k| fragment_file(hash, k)));
        }
    }
    fragments
}

/// `f/<hash>.bin` for a fragment's head, `f/<hash>-<k>.bin` for its pieces.
fn fragment_file(hash: &str, piece: usize) -> String {
    match piece {
        0 => format!("f/{hash}.bin"),
        k => format!("f/{hash}-{k}.bin"),
    }
}

/// One document as the result list shows it: its URL, title, type, date and number of pieces,
/// with its text when it is one piece (code blocks left out: they are searched, but an excerpt of
/// code says little, and they would make every fragment larger).
#[derive(Serialize)]
struct Head<'a> {
    url: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    content_type: &'a str,
    date: Option<&'a str>,
    pieces: usize,
    /// `[id, heading, text]` per section, or part of one.
    sections: Sections<'a>,
}

/// The text of a document of more than one piece, one piece per file.
#[derive(Serialize)]
struct Piece<'a> {
    sections: Sections<'a>,
}

type Sections<'a> = Vec<(&'a str, &'a str, &'a str)>;

/// The JSON of the head of `doc`, then of each of its pieces if it has more than one.
fn fragment_json(doc: &super::Document) -> Vec<Vec<u8>> {
    let mut pieces: Vec<Sections> = pieces(&doc.sections)
        .into_iter()
        .map(|parts| {
            parts
                .iter()
                .map(|p| {
                    let s = &doc.sections[p.section];
                    (s.id.as_str(), s.heading.as_str(), p.text)
                })
                .collect()
        })
        .collect();
    let head = Head {
        url: &doc.url,
        title: &doc.title,
        content_type: &doc.content_type,
        date: doc.date.as_deref(),
        pieces: pieces.len(),
        sections: if pieces.len() == 1 {
            pieces.pop().expect("one piece")
        } else {
            Vec::new()
        },
    };
    let head = serde_json::to_vec(&head);
    let pieces = pieces
        .into_iter()
        .map(|sections| serde_json::to_vec(&Piece { sections }));
    std::iter::once(head)
        .chain(pieces)
        .map(|json| json.expect("plain data serializes"))
        .collect()
}

fn encode_tables(
    index: &LangIndex,
    previous: &Layout,
    fragments: &[Option<(String, usize)>],
    out: &mut Encoded,
) -> Vec<String> {
    let count = fragments.len().div_ceil(TABLE_SIZE);
    let mut gzip = Gzip::new();
    (0..count)
        .map(|t| {
            let ids = t * TABLE_SIZE..((t + 1) * TABLE_SIZE).min(fragments.len());
            let changed = ids
                .clone()
                .any(|id| index.dirty_docs.contains(&(id as u32)));
            match previous.tables.get(t) {
                Some(hash) if !changed => {
                    out.files.push(format!("t/{hash}.bin"));
                    hash.clone()
                }
                _ => {
                    let hashes: Vec<Option<&str>> = fragments[ids]
                        .iter()
                        .map(|f| f.as_ref().map(|(hash, _)| hash.as_str()))
                        .collect();
                    let json = serde_json::to_string(&hashes).expect("plain data serializes");
                    add(out, "t/", gzip.compress(json.as_bytes()))
                }
            }
        })
        .collect()
}

/// `[{name, values, docs}]`: per facet, its values in order and per document the index of its
/// value, a list of indices when it has several, `[]` when none, `null` when removed.
fn facets_json(index: &LangIndex) -> Vec<u8> {
    let mut names: Vec<&str> = Vec::new();
    for doc in index.docs.iter().flatten() {
        for (name, _) in &doc.facets {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    let facets: Vec<Value> = names
        .iter()
        .map(|&name| {
            let mut values: Vec<&str> = index
                .docs
                .iter()
                .flatten()
                .flat_map(|d| d.facets.iter().filter(|(n, _)| n == name))
                .flat_map(|(_, v)| v.iter().map(String::as_str))
                .collect();
            values.sort_unstable();
            values.dedup();
            let docs: Vec<Value> = index
                .docs
                .iter()
                .map(|doc| {
                    let Some(doc) = doc else { return Value::Null };
                    let mine: Vec<usize> = doc
                        .facets
                        .iter()
                        .filter(|(n, _)| n == name)
                        .flat_map(|(_, v)| v.iter())
                        .filter_map(|v| values.binary_search(&v.as_str()).ok())
                        .collect();
                    match mine.as_slice() {
                        [one] => json!(one),
                        _ => json!(mine),
                    }
                })
                .collect();
            json!({"name": name, "values": values, "docs": docs})
        })
        .collect();
    Value::from(facets).to_string().into_bytes()
}

/// gzip, with a compressor kept from file to file: setting one up (and zeroing its buffers) for
/// each of ten thousand small fragments cost more than compressing many of them. The header is
/// fixed (no name, time 0), so the same input gives the same bytes.
pub struct Gzip {
    deflate: Compress,
}

impl Default for Gzip {
    fn default() -> Self {
        Self::new()
    }
}

impl Gzip {
    /// A compressor at level 2: on the benchmark corpus it took about half the time of the
    /// default level 6 for files 1–3 % larger.
    pub fn new() -> Self {
        Gzip {
            deflate: Compress::new(Compression::new(2), false),
        }
    }

    /// A compressor at level 1, for fragments (most of the bytes the index writes, fetched ten
    /// at a time): zlib-rs's level 1 is another, faster algorithm, with files about 20 % larger.
    pub fn fast() -> Self {
        Gzip {
            deflate: Compress::new(Compression::fast(), false),
        }
    }

    /// `bytes` as a gzip file.
    pub fn compress(&mut self, bytes: &[u8]) -> Vec<u8> {
        const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        self.deflate.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
        out.extend_from_slice(&HEADER);
        loop {
            let done = self.deflate.total_in() as usize;
            out.reserve(bytes.len() / 4 + 64);
            let status = self
                .deflate
                .compress_vec(&bytes[done..], &mut out, FlushCompress::Finish)
                .expect("deflate into memory");
            if status == Status::StreamEnd {
                break;
            }
        }
        let mut crc = Crc::new();
        crc.update(bytes);
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out
    }
}

/// The 12 hex digits of FNV-1a (64-bit) of `bytes`: stable across Rust versions and machines.
fn hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{:012x}", hash >> 16)
}

/// Unsigned LEB128.
fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}
