//! The numbers a quote gives, as digits (`13`, `6,000`, `6000`) or English words (`thirteen`,
//! `twenty-four`, `a dozen`, `six thousand`, `no`).

/// The value of a number word below a hundred, or of a multiplier.
fn word_value(w: &str) -> Option<Word> {
    use Word::{Multiplier, Unit};
    Some(match w {
        "zero" | "no" | "none" | "nobody" | "nil" => Unit(0),
        "one" | "a" | "an" | "single" => Unit(1),
        "two" => Unit(2),
        "three" => Unit(3),
        "four" => Unit(4),
        "five" => Unit(5),
        "six" => Unit(6),
        "seven" => Unit(7),
        "eight" => Unit(8),
        "nine" => Unit(9),
        "ten" => Unit(10),
        "eleven" => Unit(11),
        "twelve" => Unit(12),
        "thirteen" => Unit(13),
        "fourteen" => Unit(14),
        "fifteen" => Unit(15),
        "sixteen" => Unit(16),
        "seventeen" => Unit(17),
        "eighteen" => Unit(18),
        "nineteen" => Unit(19),
        "twenty" => Unit(20),
        "thirty" => Unit(30),
        "forty" => Unit(40),
        "fifty" => Unit(50),
        "sixty" => Unit(60),
        "seventy" => Unit(70),
        "eighty" => Unit(80),
        "ninety" => Unit(90),
        "dozen" => Multiplier(12),
        "hundred" => Multiplier(100),
        "thousand" => Multiplier(1_000),
        "million" => Multiplier(1_000_000),
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy)]
enum Word {
    Unit(u64),
    Multiplier(u64),
}

/// A token of a quote: a number written in digits, or a lower-case word.
enum Token<'a> {
    Digits(u64),
    Word(&'a str),
    /// Anything that ends a number (punctuation, a decimal, an ordinal).
    Break,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_ascii_digit() {
            let mut value: Option<u64> = Some(0);
            let mut j = i;
            let push = |d: char, v: &mut Option<u64>| {
                *v = v.and_then(|v| v.checked_mul(10)?.checked_add(u64::from(d as u8 - b'0')));
            };
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                push(chars[j].1, &mut value);
                j += 1;
            }
            // Groups of three after `,` or a (no-break or thin) space: 6,000 / 6 000.
            while j + 3 < chars.len() + 1
                && matches!(chars[j].1, ',' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
                && (1..=3).all(|k| chars.get(j + k).is_some_and(|c| c.1.is_ascii_digit()))
                && !chars.get(j + 4).is_some_and(|c| c.1.is_ascii_digit())
            {
                for k in 1..=3 {
                    push(chars[j + k].1, &mut value);
                }
                j += 4;
            }
            let next = chars.get(j).map(|c| c.1);
            let after = chars.get(j + 1).map(|c| c.1);
            let decimal = next == Some('.') && after.is_some_and(|c| c.is_ascii_digit());
            let glued = next.is_some_and(char::is_alphabetic)
                || (i > 0 && chars[i - 1].1.is_alphanumeric());
            if decimal || glued {
                out.push(Token::Break);
                // Skip the rest of the token.
                while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '.') {
                    j += 1;
                }
            } else if let Some(v) = value {
                out.push(Token::Digits(v));
            }
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_alphabetic() {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(Token::Word(&text[at..end]));
            i = j;
        } else {
            // A hyphen joins `twenty-four`; white space separates; anything else ends a number.
            if !(c == '-' || c.is_whitespace()) {
                out.push(Token::Break);
            }
            i += 1;
        }
    }
    out
}

/// Every number `quote` gives, in order (a compound number once, as a whole: "two hundred
/// and fifty" is 250; the article "a"/"an" alone counts as one, "no"/"none" as zero).
pub(crate) fn numbers_in(quote: &str) -> Vec<u64> {
    let lower = quote.to_lowercase();
    let mut out = Vec::new();
    // The number being read: (total so far, current group), when one is open.
    let mut open: Option<(u64, u64)> = None;
    let close = |open: &mut Option<(u64, u64)>, out: &mut Vec<u64>| {
        if let Some((total, group)) = open.take() {
            out.push(total.saturating_add(group));
        }
    };
    let toks = tokens(&lower);
    for (i, t) in toks.iter().enumerate() {
        let unit = match t {
            Token::Digits(v) => Some(Word::Unit(*v)),
            Token::Word(w) => word_value(w),
            Token::Break => None,
        };
        match unit {
            Some(Word::Unit(v)) => match &mut open {
                // `twenty four`, `hundred and five`: a smaller unit joins an open number
                // whose last part is a round tens or hundreds.
                Some((_, group)) if *group % 10 == 0 && *group > 0 && v < 10 && v > 0 => {
                    *group += v;
                }
                Some((_, group)) if *group % 100 == 0 && *group > 0 && v < 100 && v > 0 => {
                    *group += v;
                }
                Some((total, 0)) if *total > 0 && v < 1000 && v > 0 => {
                    open = Some((*total, v));
                }
                _ => {
                    close(&mut open, &mut out);
                    open = Some((0, v));
                }
            },
            Some(Word::Multiplier(m)) => {
                let (total, group) = open.unwrap_or((0, 1));
                let group = if group == 0 { 1 } else { group };
                open = Some(if m >= 1000 {
                    (total.saturating_add(group.saturating_mul(m)), 0)
                } else {
                    (total, group.saturating_mul(m))
                });
            }
            None => {
                // `and` continues "two hundred and fifty" when a number word follows.
                let continues = matches!(t, Token::Word("and"))
                    && open.is_some_and(|(total, group)| total > 0 || group >= 100)
                    && toks.get(i + 1).is_some_and(|n| match n {
                        Token::Word(w) => matches!(word_value(w), Some(Word::Unit(v)) if v > 0),
                        Token::Digits(_) => true,
                        Token::Break => false,
                    });
                if !continues {
                    close(&mut open, &mut out);
                }
            }
        }
    }
    close(&mut open, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::numbers_in;

    #[test]
    fn digits_and_words() {
        assert_eq!(numbers_in("the capture of 13 Armenian soldiers"), [13]);
        assert_eq!(numbers_in("cost over 6,000 lives"), [6000]);
        assert_eq!(numbers_in("cost over 6000 lives"), [6000]);
        assert_eq!(numbers_in("cost over 6\u{00A0}000 lives"), [6000]);
        assert_eq!(
            numbers_in("Azerbaijan confirmed seven casualties and ten wounded"),
            [7, 10]
        );
        assert_eq!(numbers_in("thirteen; twenty-four; a dozen"), [13, 24, 12]);
        assert_eq!(numbers_in("six thousand and fifty dead"), [6050]);
        assert_eq!(numbers_in("two hundred and five"), [205]);
        assert_eq!(numbers_in("one or two were captured"), [1, 2]);
        assert_eq!(numbers_in("suffered no causalities"), [0]);
        assert_eq!(numbers_in("an Armenian soldier had been killed"), [1]);
        assert_eq!(
            numbers_in("advanced 3.5 kilometers on November 16th"),
            Vec::<u64>::new()
        );
        assert_eq!(numbers_in("a 44-day war"), [1, 44]);
        assert_eq!(numbers_in("dozens were hurt"), Vec::<u64>::new());
    }
}
