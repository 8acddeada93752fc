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

/// `gazetteer/build.py` compares the names of `curated/not_names.tsv` with a place's names under
/// a fold of its own (`NOT_NAME_FOLD`); the matcher folds with `src/text/fold.rs`. If the
/// build's fold were weaker, a spelling that the matcher reads as the listed name would stay,
/// and the not-name would still be found: every listed name's key must be no key of its place.
#[test]
fn listed_not_names_are_gone_as_the_matcher_reads_them() {
    use mentionmap::text::Normalizer;
    let listed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer/curated/not_names.tsv"),
    )
    .unwrap();
    let g = mentionmap::gazetteer::Gazetteer::embedded().unwrap();
    let mut checked = 0;
    for line in listed.lines() {
        if line.starts_with('#') || line.starts_with("id\t") || line.trim().is_empty() {
            continue;
        }
        let mut cells = line.split('\t');
        let (id, name) = (cells.next().unwrap(), cells.next().unwrap());
        let place = g
            .get(id)
            .unwrap_or_else(|| panic!("{id} in not_names.tsv is no place"));
        let key = Normalizer.key(name);
        let kept: Vec<&str> = place
            .names
            .iter()
            .map(|n| n.text.as_str())
            .filter(|n| Normalizer.key(n) == key)
            .collect();
        assert!(kept.is_empty(), "{id} still has {kept:?}, read as {name}");
        checked += 1;
    }
    assert!(checked > 200, "only {checked} not-names read");
}
