//! The release-built probe of `cargo xtask bench`: generates the inputs, parses and validates
//! them (the floor and schema measurements), and runs programs reporting their wall time, CPU
//! time and peak memory. See `xtask::bench::probe`.

fn main() -> std::process::ExitCode {
    xtask::bench::probe::main()
}
