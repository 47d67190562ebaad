//! The library half of `xtask`: the benchmark of `cargo xtask bench` ([`mod@bench`]), shared by
//! the `xtask` binary (the harness, run in the dev profile) and the `bench` binary (the
//! release-built probe it starts).

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod bench;
