//! Tests of the whole `Database` on both backends.
