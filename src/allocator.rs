//! Settings of mimalloc, the allocator of the `ipportal` command and of the benchmarks.
//!
//! A build allocates in waves (load, render, write, index) and frees most of each wave before
//! the next. mimalloc gives memory that stayed free for a second back to the system, and the
//! next wave then takes it again page by page, each page zeroed by the kernel first: on the
//! benchmark machine that zeroing was a fifth of a 10,000-page build's CPU time. A build keeps
//! its freed memory instead (for [`PURGE_DELAY_MS`]: `serve` still gives it back once idle).
//! For the same reason the `no_thp` feature (Cargo.toml) keeps mimalloc from asking for
//! transparent huge pages, each of which the kernel zeroes whole (2 MiB) on first touch.

use libmimalloc_sys::{mi_option_set, mi_option_t};

/// How long freed memory is kept before it goes back to the system.
pub const PURGE_DELAY_MS: i64 = 30_000;

/// `mi_option_purge_delay` in mimalloc's `mimalloc.h`, which the Rust bindings do not name (a
/// test checks the number still means that option).
const MI_OPTION_PURGE_DELAY: mi_option_t = 15;

/// Applies the settings; call it first thing in `main`.
pub fn configure() {
    // SAFETY: setting an option is a plain store in mimalloc's option table.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS as _) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_is_the_purge_delay() {
        // mimalloc 3's default purge delay is 1000 ms, unless the environment sets one.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
            assert_eq!(default, 1000);
        }
    }
}
