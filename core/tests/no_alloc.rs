//! A counting global allocator proves that the hot paths (lookup, status, service_of, parse) allocate nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    // Per thread, so the test harness's own threads do not disturb the count.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl Fn()) -> usize {
    f(); // warm up anything lazy
    let before = ALLOCATIONS.with(Cell::get);
    for _ in 0..1000 {
        f();
    }
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn successful_lookups_allocate_nothing() {
    let v350 = errcat::Version::parse("v3.5.0").unwrap();
    type Case = (&'static str, Box<dyn Fn()>);
    let cases: [Case; 6] = [
        (
            "lookup",
            Box::new(|| assert!(errcat::lookup("Arklet.InstallBizFailed", None).is_ok())),
        ),
        (
            "lookup alias",
            Box::new(|| {
                assert!(errcat::lookup("ModuleController.ResourceConstrained", None).is_ok())
            }),
        ),
        (
            "lookup by source",
            Box::new(|| {
                assert!(errcat::lookup(
                    "OtherUpstream.InvalidParameter",
                    Some(errcat::Reporter::ModuleController)
                )
                .is_ok())
            }),
        ),
        (
            "status",
            Box::new(move || assert!(errcat::status(552, Some(v350)).unwrap().valid)),
        ),
        (
            "service_of",
            Box::new(|| assert!(errcat::service_of(640, None).is_ok())),
        ),
        (
            "parse",
            Box::new(|| assert!(errcat::Code::parse("User.PullBizError").is_ok())),
        ),
    ];
    for (name, f) in cases {
        assert_eq!(allocations_during(f), 0, "{name} allocated");
    }
}

#[test]
fn the_counter_does_count() {
    // Guards the test above against a counter that never moves.
    assert!(allocations_during(|| drop(std::hint::black_box(vec![1u8; 16]))) >= 1000);
}
