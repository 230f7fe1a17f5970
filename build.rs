//! Build script: rebuild when a migration changes, because `embed_migrations!` cannot see new
//! migration folders by itself. It generates nothing.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
