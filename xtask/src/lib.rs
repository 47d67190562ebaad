//! The library half of `xtask`: the benchmark of `cargo xtask bench` ([`bench`]), shared by
//! the `xtask` binary (the harness, run in the dev profile) and the `bench` binary (the
//! release-built probe it starts).

pub mod bench;
