//! Text for PNG charts. Plotters' own ab_glyph text drawing ignores each glyph's side
//! bearing (letters drift, spaces seem to vanish: "DPT L" reads "DPTL"), so PNG
//! output goes through [`Typeset`], a backend wrapper that lays glyphs out properly
//! with ab_glyph and DejaVu Sans and forwards every other call unchanged. Widths are
//! the same advance-plus-kerning sums plotters uses to measure, so layout decisions
//! match between SVG and PNG.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};

/// A backend that draws text itself and passes everything else through.
pub(crate) struct Typeset<DB> {
    inner: DB,
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// Why the embedded font could not be used.
#[derive(Debug, thiserror::Error)]
#[error("font DejaVu Sans tidak terbaca")]
pub(crate) struct FontUnreadable;

impl<DB> Typeset<DB> {
    /// Wraps a backend.
    pub(crate) fn new(inner: DB) -> Result<Self, FontUnreadable> {
        Ok(Self {
            inner,
            regular: FontRef::try_from_slice(dejavu::sans::regular())
                .map_err(|_| FontUnreadable)?,
            bold: FontRef::try_from_slice(dejavu::sans::bold()).map_err(|_| FontUnreadable)?,
        })
    }
}

impl<DB: DrawingBackend> DrawingBackend for Typeset<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let (w, h) = self.measure(text, style);
        Ok((w.max(0.0).round() as u32, h.round() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let size = style.size() as f32;
        let (width, height) = self.measure(text, style);
        // The anchor box is plotters' (width x size/1.24); the baseline sits so that
        // capitals are centred in it, as browsers place SVG text.
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.0,
            VPos::Center => -height / 2.0,
            VPos::Bottom => -height,
        };
        let baseline = height / 2.0 + 0.313 * size;
        let font = self.font(style.style()).clone();
        let scaled = font.as_scaled(PxScale::from(size));
        let transform = style.transform();
        let (w, h) = self.inner.get_size();
        let mut caret = 0.0f32;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                caret += scaled.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(PxScale::from(size), point(caret, baseline));
            caret += scaled.h_advance(id);
            let Some(outline) = scaled.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut pixels: Vec<(i32, i32, f32)> = Vec::new();
            outline.draw(|x, y, coverage| {
                if coverage > 0.0 {
                    let gx = (bounds.min.x + x as f32 + dx).round() as i32;
                    let gy = (bounds.min.y + y as f32 + dy).round() as i32;
                    pixels.push((gx, gy, coverage.min(1.0)));
                }
            });
            for (gx, gy, coverage) in pixels {
                let (tx, ty) = transform.transform(gx, gy);
                let (x, y) = (pos.0 + tx, pos.1 + ty);
                if x >= 0 && y >= 0 && x < w as i32 && y < h as i32 {
                    self.inner.draw_pixel(
                        (x, y),
                        BackendColor {
                            alpha: color.alpha * coverage as f64,
                            rgb: color.rgb,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }
}

impl<DB> Typeset<DB> {
    fn font(&self, style: FontStyle) -> &FontRef<'static> {
        match style {
            FontStyle::Bold => &self.bold,
            _ => &self.regular,
        }
    }

    /// Advance width with kerning, and plotters' line height (size / 1.24).
    fn measure<S: BackendTextStyle>(&self, text: &str, style: &S) -> (f32, f32) {
        let size = style.size() as f32;
        let scaled = self.font(style.style()).as_scaled(PxScale::from(size));
        let mut width = 0.0f32;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                width += scaled.kern(p, id);
            }
            width += scaled.h_advance(id);
            previous = Some(id);
        }
        (width, size / 1.24)
    }
}
