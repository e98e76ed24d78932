//! Masking of NIK and NKK for everything that leaves the UPT: the first six digits
//! (the kecamatan of issue) stay, the rest become `*`. Full numbers stay in the inputs.

/// Masks a NIK or NKK: `1207051234560001` -> `120705**********`. Empty stays empty;
/// anything shorter than seven characters is masked whole.
pub fn mask_id(id: &str) -> String {
    let n = id.chars().count();
    if n == 0 {
        return String::new();
    }
    if n <= 6 {
        return "*".repeat(n);
    }
    let keep: String = id.chars().take(6).collect();
    format!("{keep}{}", "*".repeat(n - 6))
}

#[cfg(test)]
mod tests {
    use super::mask_id;

    #[test]
    fn keeps_the_region_and_hides_the_rest() {
        assert_eq!(mask_id("1207051234560001"), "120705**********");
        assert_eq!(mask_id(""), "");
        assert_eq!(mask_id("12345"), "*****");
        assert!(!mask_id("5305010101900001").contains("0101900001"));
    }
}
