//! The precompiled default (`gazetteer/compiled/default.bin`) must be exactly what
//! `mentionmap gazetteer compile` makes from the current gazetteer files and normaliser.

#[test]
fn compiled_default_is_fresh() {
    assert!(
        mentionmap::compiled::is_fresh().unwrap(),
        "gazetteer/compiled/default.bin is stale: run \
         `cargo run --release -- gazetteer compile -o gazetteer/compiled/default.bin`"
    );
}

#[test]
fn compiled_default_loads_the_same_places_as_the_tsv_files() {
    let d = mentionmap::compiled::embedded_default().unwrap();
    assert!(d.names.is_some(), "the precompiled copy was not used");
    let tsv = mentionmap::gazetteer::Gazetteer::embedded().unwrap();
    assert_eq!(d.gazetteer.places(), tsv.places());
}
