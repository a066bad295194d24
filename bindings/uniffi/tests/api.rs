//! The interface in Rust: conversions and the panic guard (the Kotlin suite tests the same through the JAR).

use errcat_uniffi::*;

#[test]
fn core_errors_keep_kind_and_lists() {
    match lookup("Arklet.InstallBizFailes".into(), None) {
        Err(ErrcatError::NotFound { suggestions, .. }) => {
            assert_eq!(suggestions[0], "Arklet.InstallBizFailed")
        }
        other => panic!("{other:?}"),
    }
    match lookup("arklet.installBizFailed".into(), None) {
        Err(ErrcatError::InvalidCode { suggestions, .. }) => {
            assert_eq!(suggestions, ["Arklet.InstallBizFailed"])
        }
        other => panic!("{other:?}"),
    }
    let e = status(-1, None).unwrap_err();
    assert_eq!(e.kind(), "InvalidCode");
    let e = lookup("Arklet.InstallBizFailed".into(), Some("Nobody".into())).unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
}

#[test]
fn a_panic_is_an_internal_error() {
    let e = panic_for_test("boom".into()).unwrap_err();
    assert_eq!(e.kind(), "Internal");
    assert!(e.reason().contains("boom"), "{e}");
    assert!(lookup("Arklet.InstallBizFailed".into(), None).is_ok());
}

#[test]
fn records_carry_the_entry() {
    let m = status(552, Some("v3.5.0".into())).unwrap();
    assert!(m.valid);
    assert_eq!(m.entry.key, "552/CodeAccessLimited");
    assert_eq!(m.entry.renumbered_to, Some(429));
    assert_eq!(m.entry.retry, RetryClass::Overload);
    let all = entries(EntryFilter::default()).unwrap();
    assert_eq!(all.len(), errcat::Entry::COUNT);
    for (i, entry) in all.iter().enumerate() {
        assert_eq!(&entry_by_id(i as u32).unwrap(), entry);
    }
}
