//! A hint to the processor to start fetching memory that is about to be read.

/// Asks the processor to bring the cache line holding `value` into its caches, so that a read
/// of it soon after does not wait on memory. Only a hint: nothing changes if it is ignored, and
/// on other processors it does nothing.
#[inline(always)]
pub(crate) fn prefetch<T: ?Sized>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and never faults; the address is that of a live value.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
