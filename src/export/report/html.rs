//! The HTML pieces of every page tpsplan writes (the plan report, and any other
//! self-contained page): the page style, escaping, inline SVG and table headings.

use std::fmt::Write as _;

use crate::lang::{Lang, tr};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page style: readable on a projector, printable on A4.
pub(crate) const CSS: &str = r#"
:root { --ink: #212121; --muted: #616161; --line: #d0d7de; --band: #f3f6f9; --accent: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px; color: var(--ink);
  font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 15px; line-height: 1.45; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header p { margin: 0; color: var(--muted); }
h2 { font-size: 21px; margin: 28px 0 10px; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin-top: 20px; }
.kpi { border: 1px solid var(--line); border-left: 6px solid var(--accent); border-radius: 6px;
  padding: 10px 14px; background: #fff; }
.kpi .label { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.kpi .value { font-size: 28px; font-weight: bold; }
.kpi .note { font-size: 13px; color: var(--muted); }
.kpi.warn { border-left-color: #c62828; }
figure.chart { margin: 24px 0 0; }
svg.chart-svg { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { white-space: nowrap; }
tr.total td { font-weight: bold; background: var(--band); }
.chip { display: inline-block; width: 11px; height: 11px; border: 1px solid #0004;
  margin-right: 5px; vertical-align: -1px; }
.small { font-size: 12px; color: var(--muted); }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .kpis { grid-template-columns: repeat(3, 1fr); gap: 8px; }
  .kpi .value { font-size: 18pt; }
  figure.chart { break-before: page; page-break-before: always; break-inside: avoid;
    page-break-inside: avoid; margin: 0; }
  svg.chart-svg { width: 100%; height: auto; max-height: 250mm; border: none; }
  section.tables { break-before: page; page-break-before: always; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, .kpi { break-inside: avoid; page-break-inside: avoid; }
}
"#;

/// Opens a self-contained page: its language, `title`, the page style and `extra_css`,
/// up to and including `<body>`.
pub(crate) fn page_start(h: &mut String, lang: Lang, title: &str, extra_css: &str) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>\n",
        tr(lang, "id", "en"),
        escape(title)
    );
}

/// A chart as a figure anchored `grafik-<id>`, its SVG inline (no trailing newline).
pub(crate) fn chart_figure(id: &str, svg: &str, title: &str) -> String {
    format!(
        "<figure class=\"chart\" id=\"grafik-{}\">\n{}\n</figure>",
        escape(id),
        inline_svg(svg, id, title)
    )
}

/// Closes a page with the footer every page carries: the tpsplan version, and that NIK
/// and NKK are not in it.
pub(crate) fn page_end(h: &mut String, lang: Lang) {
    let _ = write!(
        h,
        "<footer>{} tpsplan {}. {}</footer>\n</body>\n</html>\n",
        tr(lang, "Dibuat dengan", "Made with"),
        env!("CARGO_PKG_VERSION"),
        tr(
            lang,
            "NIK dan NKK tidak dimuat dalam laporan ini.",
            "NIK and NKK are not included in this report.",
        )
    );
}

/// Turns a standalone SVG document into an inline `<svg>` element that scales to
/// its container: the namespace attribute (an address) and the fixed size go, the
/// viewBox stays.
pub(crate) fn inline_svg(svg: &str, id: &str, title: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return String::new();
    };
    let Some(open_end) = svg[start..].find('>').map(|i| start + i) else {
        return String::new();
    };
    let open = &svg[start..open_end];
    let view_box = attribute(open, "viewBox").unwrap_or_else(|| {
        format!(
            "0 0 {} {}",
            crate::export::charts::WIDTH,
            crate::export::charts::HEIGHT
        )
    });
    format!(
        "<svg id=\"svg-{}\" class=\"chart-svg\" viewBox=\"{}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{}\">{}",
        escape(id),
        escape(&view_box),
        escape(title),
        &svg[open_end + 1..]
    )
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(tag[from..from + len].to_string())
}

pub(crate) fn th(h: &mut String, cells: &[(&str, bool)]) {
    h.push_str("<thead><tr>");
    for (c, numeric) in cells {
        let _ = write!(
            h,
            "<th{}>{}</th>",
            if *numeric { " class=\"n\"" } else { "" },
            escape(c)
        );
    }
    h.push_str("</tr></thead>\n");
}

/// A ruleset colour for a CSS value: only `#` and hex digits pass, anything else
/// becomes neutral grey (the charts report a bad colour as an error).
pub(crate) fn css_colour(s: &str) -> String {
    let t = s.trim();
    let ok = t.len() == 7 && t.starts_with('#') && t[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        t.to_string()
    } else {
        "#9e9e9e".to_string()
    }
}
