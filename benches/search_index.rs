//! How long the search index takes to build and encode, apart from the rest of the build.
//!
//!     cargo bench --bench search_index -- PORTAL [RUNS]
//!
//! Loads and renders the portal at PORTAL once, then builds and encodes its index RUNS times
//! (default 5) and prints the median time of each step. Set `RAYON_NUM_THREADS=1` to read the
//! times as CPU time.

use std::time::{Duration, Instant};

use ipportal::BuildOptions;
use ipportal::search::{self, Texts, encode};
use ipportal::site::Site;

// The allocator `ipportal` itself uses (src/main.rs), or the figures would not be its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    ipportal::allocator::configure();
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let root = args.next().expect("usage: search_index PORTAL [RUNS]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let mut site = Site::load(&BuildOptions::new(root)).unwrap_or_else(|errors| {
        panic!("the portal does not build: {} errors", errors.len());
    });
    let texts = search::take_texts(&mut site.bodies);
    let (mut indexing, mut encoding) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let copy = Texts {
            pages: texts.pages.clone(),
            sections: texts.sections.clone(),
        };
        let start = Instant::now();
        let mut index = search::build(&site.config, &site.library, copy);
        indexing.push(start.elapsed());
        let start = Instant::now();
        let files: usize = index
            .languages
            .iter_mut()
            .map(|lang| encode::encode(lang).changed.len())
            .sum();
        encoding.push(start.elapsed());
        std::hint::black_box(files);
    }
    println!(
        "index  {:>8.1} ms (median of {runs})",
        median(&mut indexing)
    );
    println!("encode {:>8.1} ms", median(&mut encoding));
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}
