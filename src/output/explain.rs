//! The records of `extract --explain`: one JSON line per matched name, kept or dropped, with the
//! candidates the resolver considered and the evidence it used.

use std::io::Write;

use serde_json::json;

use crate::gazetteer::Gazetteer;
use crate::input::Document;
use crate::resolve::{Decision, policy};

/// Writes the decision about one match of `doc`.
pub fn write_decision(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    doc: &Document,
    d: &Decision,
) -> std::io::Result<()> {
    let ev = &d.evidence;
    let candidates: Vec<_> = d
        .candidates
        .iter()
        .map(|c| {
            let p = gazetteer.place(c.place as usize);
            json!({
                "place": p.id,
                "name": p.name(),
                "kind": p.kind.as_str(),
                "country": p.country,
                "admin1": p.admin1,
                "population": p.population,
                "role": c.role,
                "score": (c.score * 1000.0).round() / 1000.0,
                "importance": (policy::importance(p) * 1000.0).round() / 1000.0,
                "expected_zipf": policy::expected_zipf(p),
                "fame_allowance": policy::fame_allowance(p),
                "same_country_mentions": c.support.same_country,
                "same_admin1_mentions": c.support.same_admin1,
                "context_elsewhere": c.support.elsewhere,
            })
        })
        .collect();
    let (start, end) = (d.span.start, d.span.end);
    let text = &doc.text[start..end];
    let record = json!({
        "doc": doc.origin,
        "start": doc.offset + start,
        "end": doc.offset + end,
        "text": text,
        "key": d.key,
        "kept": d.dropped.is_none() && d.mention.is_some(),
        "dropped": d.dropped.map(|x| x.as_str()),
        "place": d.mention.map(|m| gazetteer.place(m.place as usize).id.clone()),
        "confidence": d.mention.map(|m| (f64::from(m.confidence) * 1000.0).round() / 1000.0),
        "evidence": {
            "zipf": ev.zipf,
            "family_zipf": ev.family_zipf.is_finite().then_some(ev.family_zipf),
            "trigger": ev.trigger.map(|t| format!("{t:?}").to_lowercase()),
            "clitic_preposition": ev.clitic_preposition,
            "clitic_word": ev.clitic_word,
            "club_adjective": ev.club_adjective,
            "person_elsewhere": ev.person_elsewhere,
            "foreign_adjective": ev.foreign_adjective,
            "listed_with_a_country": ev.listed_with_a_country,
            "agrees_as_adjective": ev.agrees_as_adjective,
            "adjective_after_a_noun": ev.adjective_after_a_noun,
            "definite_adjective": ev.definite_adjective,
            "after_a_demonstrative": ev.after_a_demonstrative,
            "heads_a_construct": ev.heads_a_construct,
            "hamza_unfit": ev.hamza_unfit,
            "tanween": ev.tanween,
            "quarter": ev.quarter,
            "among_quarters": ev.among_quarters,
            "in_a_list_of_quarters": ev.in_a_list_of_quarters,
            "quoted_newspaper": ev.quoted_newspaper,
            "after_a_title": ev.after_a_title,
            "sports_club": ev.sports_club,
            "multiword": ev.multiword,
            "lowercase_latin": ev.lowercase_latin,
            "proper_noun": ev.proper_noun,
            "in_a_longer_name": ev.in_a_longer_name,
            "modifier": ev.modifier,
            "abbreviation": ev.abbreviation,
            "letters": ev.letters,
        },
        "candidates": candidates,
    });
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
}
