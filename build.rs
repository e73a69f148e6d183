//! The default theme is compiled into the binary (see `src/templates/mod.rs`): rebuild when it
//! changes.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
