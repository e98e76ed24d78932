//! The map's legend: the key of TPS colours, node kinds and path styles beside the map.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::*;
use crate::export::charts::style::{
    self, INK, LABEL, LegendEntry, MUTED, Swatch, bold, categorical, text,
};
use crate::export::charts::{ChartError, Root, tr};
use crate::lang::Lang;

impl MapChart {
    pub(super) fn draw_legend<DB: DrawingBackend>(
        &self,
        root: &Root<DB>,
        area: &Root<DB>,
        tps: &[u32],
        lang: Lang,
    ) -> Result<(), ChartError> {
        let (ax, ay) = area.get_base_pixel();
        let (aw, _) = area.dim_in_pixel();
        let x = ax + 10;
        let width = aw as i32 - 20;
        let mut y = ay + 16;
        let heading = bold(LABEL).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(
            tr(lang, "Warna blok = TPS tujuan", "Block colour = its TPS"),
            (x, y),
            heading.clone(),
        ))?;
        y += 38;
        // TPS swatches in two columns.
        let col_w = width / 2;
        let rows = tps.len().div_ceil(2);
        for (i, t) in tps.iter().enumerate() {
            let (col, row) = (i / rows.max(1), i % rows.max(1));
            style::draw_entry(
                root,
                &LegendEntry::new(Swatch::Disc(categorical(i)), format!("TPS {t}")),
                (x + col as i32 * col_w, y + row as i32 * style::LEGEND_ROW),
            )?;
        }
        y += rows as i32 * style::LEGEND_ROW + 18;
        root.draw(&Text::new(tr(lang, "Tanda", "Key"), (x, y), heading))?;
        y += 38;
        let key: Vec<(KeyMark, &str)> = vec![
            (
                KeyMark::Pie,
                tr(
                    lang,
                    "Blok terbagi ke beberapa TPS",
                    "Block split across TPS",
                ),
            ),
            (
                KeyMark::Disc(NO_TPS),
                tr(lang, "Blok tanpa pemilih", "Block without voters"),
            ),
            (
                KeyMark::Site,
                tr(lang, "Lokasi TPS (nomor TPS)", "TPS site (TPS numbers)"),
            ),
            (
                KeyMark::Square(FACILITY),
                tr(
                    lang,
                    "Aula, lapangan, klinik, ibadah, kantor",
                    "Hall, yard, clinic, worship, office",
                ),
            ),
            (KeyMark::Square(INK), tr(lang, "Pintu", "Gate")),
            (KeyMark::Dot, tr(lang, "Lorong", "Corridor junction")),
            (KeyMark::Line(PATH), tr(lang, "Jalur", "Path")),
            (
                KeyMark::Dashed(SEARCH),
                tr(lang, "Jalur dengan pemeriksaan", "Path with a search point"),
            ),
        ];
        let style_ = text(LABEL);
        for (mark, label) in key {
            let lines = style::wrap(root, label, &style_, width - 54)?;
            let block_h = (lines.len() as i32 * 30).max(style::LEGEND_ROW);
            let mid = y + block_h / 2 - style::LEGEND_ROW / 2 + 2;
            draw_key_mark(root, mark, (x + 20, mid))?;
            for (k, line) in lines.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (x + 54, y + 30 * k as i32 - 12),
                    style_.pos(Pos::new(HPos::Left, VPos::Top)),
                ))?;
            }
            y += block_h + 6;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum KeyMark {
    Pie,
    Disc(RGBColor),
    Site,
    Square(RGBColor),
    Dot,
    Line(RGBColor),
    Dashed(RGBColor),
}

pub(super) fn draw_key_mark<DB: DrawingBackend>(
    root: &Root<DB>,
    mark: KeyMark,
    c: (i32, i32),
) -> Result<(), ChartError> {
    match mark {
        KeyMark::Pie => draw_pie(root, c, 14, &[(categorical(0), 2), (categorical(1), 1)])?,
        KeyMark::Disc(col) => draw_pie(root, c, 14, &[(col, 0)])?,
        KeyMark::Site => {
            root.draw(&Rectangle::new(
                [(c.0 - 9, c.1 - 9), (c.0 + 9, c.1 + 9)],
                FACILITY.filled(),
            ))?;
            style::outline(root, (c.0 - 15, c.1 - 15), (c.0 + 15, c.1 + 15), INK, 4)?;
        }
        KeyMark::Square(col) => {
            root.draw(&Rectangle::new(
                [(c.0 - 11, c.1 - 11), (c.0 + 11, c.1 + 11)],
                col.filled(),
            ))?;
            style::outline(root, (c.0 - 11, c.1 - 11), (c.0 + 11, c.1 + 11), MUTED, 2)?;
        }
        KeyMark::Dot => root.draw(&Circle::new(c, 6, MUTED.filled()))?,
        KeyMark::Line(col) => root.draw(&PathElement::new(
            vec![(c.0 - 17, c.1), (c.0 + 17, c.1)],
            col.stroke_width(4),
        ))?,
        KeyMark::Dashed(col) => root.draw(&DashedPathElement::new(
            vec![(c.0 - 17, c.1), (c.0 + 17, c.1)],
            10,
            6,
            col.stroke_width(4),
        ))?,
    }
    Ok(())
}
