//! Whether a name stands alone in quotation marks, as news writes the names of newspapers,
//! channels and other things named after a place (`لـ«الشرق الأوسط»`, `صحيفة "الرياض"`).

use std::ops::Range;

use super::marks::ignored;

/// Marks that open a quotation: guillemets, straight and curly double quotes (Arabic text
/// often opens with `”` too).
fn opens(c: char) -> bool {
    matches!(c, '«' | '"' | '“' | '”' | '„')
}

/// Marks that close a quotation.
fn closes(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '“')
}

/// Whether the name written at `at` in `original` has an opening quotation mark right before
/// it and a closing one right after it (past tatweel and direction marks), so that the
/// quotation holds the name and nothing else.
pub(super) fn stands_in_quotes(original: &str, at: Range<usize>) -> bool {
    let (Some(before), Some(after)) = (original.get(..at.start), original.get(at.end..)) else {
        return false;
    };
    let open = before.chars().rev().find(|&c| !ignored(c));
    let close = after.chars().find(|&c| !ignored(c));
    open.is_some_and(opens) && close.is_some_and(closes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, name: &str) -> bool {
        let start = text.find(name).expect("name in text");
        stands_in_quotes(text, start..start + name.len())
    }

    #[test]
    fn a_name_alone_between_quotation_marks() {
        assert!(quoted("وقال لـ«الشرق الأوسط» إن", "الشرق الأوسط"));
        assert!(quoted("نقلت صحيفة \"الرياض\" عن", "الرياض"));
        assert!(quoted("قال “الرياض” أمس", "الرياض"));
        assert!(quoted("«\u{200F}الرياض\u{200F}»", "الرياض"));
        assert!(quoted("صحيفة ”الرياض”", "الرياض"));
    }

    #[test]
    fn a_name_inside_a_longer_quotation_or_unquoted() {
        assert!(!quoted("في الشرق الأوسط اليوم", "الشرق الأوسط"));
        assert!(!quoted("«الشرق الأوسط الجديد»", "الشرق الأوسط"));
        assert!(!quoted("«مؤتمر الرياض»", "الرياض"));
        assert!(!quoted("الرياض»", "الرياض"));
        assert!(!quoted("«الرياض", "الرياض"));
    }
}
