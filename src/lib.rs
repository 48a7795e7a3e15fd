//! picolibc for Hyperlight guests: the C library, Rust bindings to it, and its
//! headers for C code in the guest (see `DEP_C_INCLUDE`).
//!
//! The bindings are a superset of hyperlight-libc 0.18.0's, so this crate is a
//! drop-in replacement under `hyperlight-guest-bin`.
#![no_std]
#![allow(clippy::all)]
#![allow(dead_code)]
#![allow(improper_ctypes)]
#![allow(non_camel_case_types)]
#![allow(non_snake_case)]
#![allow(non_upper_case_globals)]
#![allow(unpredictable_function_pointer_comparisons)]
#![allow(unnecessary_transmutes)]

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

pub use core::ffi::*;

mod time;
