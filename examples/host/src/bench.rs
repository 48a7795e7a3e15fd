//! `example-host bench <guest> <guest-built-against-0.18.0>`: the same guest
//! libc benchmarks in both guests, side by side. Under kvm-pvm each guest
//! instruction is emulated, so only the ratios mean anything.
use std::path::Path;
use std::time::Instant;

use crate::{Guest, Result};

/// (name, which, iterations per timed call); `which` indexes bench_run in guest.c.
pub const BENCHES: &[(&str, i32, i32)] = &[
    ("memcpy 64 KiB", 0, 4),
    ("memset 64 KiB", 1, 4),
    ("strlen 1 KiB", 2, 20),
    ("strcmp 1 KiB", 3, 20),
    ("snprintf", 4, 20),
    ("strtod", 5, 20),
    ("sscanf", 6, 20),
    ("sin", 7, 50),
    ("exp", 8, 50),
    ("pow", 9, 50),
    ("qsort 1000 ints", 10, 2),
    ("malloc/free", 11, 50),
];

/// Median nanoseconds per iteration: (time of n iterations - time of 0) / n.
fn measure(guest: &mut Guest, which: i32, n: i32, rounds: usize) -> Result<f64> {
    let _: i32 = guest.sandbox.call("Bench", (which, 1))?; // warm up
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        let _: i32 = guest.sandbox.call("Bench", (which, 0))?;
        let empty = t.elapsed().as_nanos() as f64;
        let t = Instant::now();
        let _: i32 = guest.sandbox.call("Bench", (which, n))?;
        let full = t.elapsed().as_nanos() as f64;
        samples.push(((full - empty) / n as f64).max(0.0));
    }
    samples.sort_by(f64::total_cmp);
    Ok(samples[samples.len() / 2])
}

pub fn run(ours: &Path, incumbent: &Path, rounds: usize) -> Result<()> {
    let mut a = Guest::start(ours, false)?;
    let mut b = Guest::start(incumbent, false)?;
    println!("| guest function | this crate (ns/op) | hyperlight-libc 0.18.0 (ns/op) | ratio |");
    println!("|---|---:|---:|---:|");
    for &(name, which, n) in BENCHES {
        let x = measure(&mut a, which, n, rounds)?;
        let y = measure(&mut b, which, n, rounds)?;
        println!("| {name} | {x:.0} | {y:.0} | {:.2} |", x / y);
    }
    Ok(())
}
