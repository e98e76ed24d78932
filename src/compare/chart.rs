//! The comparison chart of `banding.html`, in the project's chart style
//! (`export::charts::style`): the main figures as groups of horizontal bars, one bar
//! per plan in the plan's colour. Figures differ in scale (TPS against walking
//! minutes), so each bar's length is its share of the largest value of its figure and
//! the value itself is written at the bar's end.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::export::charts::style::{
    self, GRID, LABEL, LegendEntry, LegendLayout, MUTED, Swatch, bold, categorical, shade, text,
};
use crate::export::charts::{Chart, ChartError, Root};
use crate::lang::Lang;

/// One figure across the plans.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The figure's name.
    pub label: String,
    /// Per plan: the value the bar's length comes from.
    pub values: Vec<f64>,
    /// Per plan: the value as written at the bar.
    pub shown: Vec<String>,
}

/// Grouped bars of the main figures per plan.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiChart {
    /// The plans' names, in order (legend and colours).
    pub plans: Vec<String>,
    /// The figures, top to bottom.
    pub groups: Vec<Group>,
}

const LABEL_W: i32 = 420;

impl Chart for KpiChart {
    const STEM: &'static str = "banding";

    fn title(&self, lang: Lang) -> String {
        match lang {
            Lang::Id => "Angka utama per rencana".into(),
            Lang::En => "Main figures per plan".into(),
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>, lang: Lang) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let mut entries: Vec<LegendEntry> = self
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| LegendEntry::new(Swatch::Fill(categorical(i)), p.clone()))
            .collect();
        entries.push(LegendEntry::new(
            Swatch::None,
            match lang {
                Lang::Id => "panjang batang: bagian dari nilai terbesar tiap angka",
                Lang::En => "bar length: share of each figure's largest value",
            },
        ));
        let (w, h) = body.dim_in_pixel();
        let legend = LegendLayout::new(root, &entries, w as i32 - 80)?;
        let (lx, ly) = body.get_base_pixel();
        legend.draw(root, &entries, (lx + 40, ly))?;

        let top = ly + legend.height() + 16;
        let bottom = ly + h as i32 - 20;
        let left = lx + LABEL_W;
        // Room at the right for the longest value written after a full bar.
        let right = lx + w as i32 - 170;
        let groups = self.groups.len().max(1) as i32;
        let group_h = ((bottom - top) / groups).max(1);
        let n = self.plans.len().max(1) as i32;
        let bar_h = ((group_h - 14) / n).clamp(2, 40);

        // Grid at 0, 25, 50, 75 and 100 % of each figure's largest value.
        for k in 0..=4 {
            let x = left + (right - left) * k / 4;
            root.draw(&PathElement::new(
                vec![(x, top), (x, bottom)],
                GRID.stroke_width(1),
            ))?;
        }
        root.draw(&PathElement::new(
            vec![(left, top), (left, bottom)],
            MUTED.stroke_width(2),
        ))?;
        let name_style = bold(LABEL).pos(Pos::new(HPos::Right, VPos::Center));
        let value_style = text(LABEL).pos(Pos::new(HPos::Left, VPos::Center));
        for (g, group) in self.groups.iter().enumerate() {
            let g_top = top + g as i32 * group_h;
            let bars_h = bar_h * n;
            let first = g_top + (group_h - bars_h) / 2;
            let lines = style::wrap(root, &group.label, &bold(LABEL), LABEL_W - 30)?;
            let line_h = 30;
            let y0 = first + bars_h / 2 - (lines.len() as i32 - 1) * line_h / 2;
            for (k, line) in lines.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (left - 16, y0 + k as i32 * line_h),
                    name_style.clone(),
                ))?;
            }
            let largest = group.values.iter().copied().fold(0.0f64, f64::max);
            for (i, (v, shown)) in group.values.iter().zip(&group.shown).enumerate() {
                let share = if largest > 0.0 { v / largest } else { 0.0 };
                let y = first + i as i32 * bar_h;
                let x1 = left + ((right - left) as f64 * share.clamp(0.0, 1.0)).round() as i32;
                let colour = categorical(i);
                if x1 > left {
                    root.draw(&Rectangle::new(
                        [(left, y + 1), (x1, y + bar_h - 1)],
                        colour.filled(),
                    ))?;
                    style::outline(
                        root,
                        (left, y + 1),
                        (x1, y + bar_h - 1),
                        shade(colour, 0.3),
                        1,
                    )?;
                }
                root.draw(&Text::new(
                    shown.clone(),
                    (x1 + 8, y + bar_h / 2),
                    value_style.clone(),
                ))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plan_and_value_is_drawn_and_the_same_data_gives_the_same_svg() {
        let chart = KpiChart {
            plans: vec!["dasar".into(), "lambat".into()],
            groups: vec![
                Group {
                    label: "TPS".into(),
                    values: vec![7.0, 9.0],
                    shown: vec!["7".into(), "9".into()],
                },
                Group {
                    label: "Permintaan petugas".into(),
                    values: vec![0.0, 0.0],
                    shown: vec!["0".into(), "0".into()],
                },
            ],
        };
        let svg = crate::export::charts::to_svg(&chart, Lang::Id).unwrap();
        for s in [
            "dasar",
            "lambat",
            "TPS",
            "Permintaan petugas",
            ">\n7\n</text>",
            ">\n9\n</text>",
        ] {
            assert!(svg.contains(s), "{s} missing from the chart");
        }
        assert_eq!(
            svg,
            crate::export::charts::to_svg(&chart, Lang::Id).unwrap()
        );
    }
}
