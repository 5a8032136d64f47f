//! Text from content operations: lines and gaps placed as the page shows them.

use std::collections::BTreeMap;

use lopdf::Object;

use super::fonts::Decoder;

/// Text from content operations, a line per line of the page: a new line where the text moves up
/// or down, a space where it jumps along the line (a table's next cell), nothing where it goes on
/// where the last text ended (a producer that places each character on its own).
///
/// Where the last text ended is estimated without the font's widths: a Chinese character is one
/// em wide, an ASCII one half an em. Only the text matrix's own scale is followed (`cm` is not).
pub(super) struct TextWriter {
    pub(super) out: String,
    /// The current font's name and size.
    pub(super) font: Option<Vec<u8>>,
    pub(super) size: f32,
    /// The text matrix's horizontal and vertical scale.
    pub(super) scale: (f32, f32),
    /// Where the current line starts, and where the text is set now.
    line_x: f32,
    x: f32,
    y: f32,
    /// Where the last text shown ended (estimated) and its line, while on that line.
    pub(super) pen: Option<(f32, f32)>,
    /// Whether some shown text could not be read.
    pub(super) unmapped: bool,
}

impl Default for TextWriter {
    fn default() -> Self {
        Self {
            out: String::new(),
            font: None,
            size: 12.0,
            scale: (1.0, 1.0),
            line_x: 0.0,
            x: 0.0,
            y: 0.0,
            pen: None,
            unmapped: false,
        }
    }
}

impl TextWriter {
    pub(super) fn has_text(&self) -> bool {
        self.out.chars().any(|c| !c.is_whitespace())
    }

    pub(super) fn page_break(&mut self) {
        self.new_line();
        self.pen = None;
        self.font = None;
    }

    pub(super) fn new_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn gap(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }

    /// One em of the current font, in the page's units.
    fn em(&self) -> f32 {
        (self.size * self.scale.0).abs().max(0.01)
    }

    pub(super) fn operation(
        &mut self,
        op: &lopdf::content::Operation,
        decoders: &BTreeMap<&[u8], Decoder<'_>>,
    ) {
        let num = |i: usize| {
            op.operands
                .get(i)
                .and_then(|o| o.as_float().ok())
                .filter(|n| n.is_finite())
                .unwrap_or(0.0)
        };
        match op.operator.as_str() {
            "BT" => {
                self.scale = (1.0, 1.0);
                (self.line_x, self.x, self.y) = (0.0, 0.0, 0.0);
            }
            "Tf" => {
                self.font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
                self.size = num(1);
            }
            "Tm" => {
                self.scale = (num(0), num(3));
                (self.line_x, self.x, self.y) = (num(4), num(4), num(5));
            }
            "Td" | "TD" => {
                self.line_x += num(0) * self.scale.0;
                self.x = self.line_x;
                self.y += num(1) * self.scale.1;
            }
            // Next line: the leading is not followed, any move down will do.
            "T*" => self.next_line(),
            "Tj" | "TJ" => self.show(&op.operands, decoders),
            "'" => {
                self.next_line();
                self.show(&op.operands, decoders);
            }
            "\"" => {
                self.next_line();
                self.show(op.operands.get(2..).unwrap_or_default(), decoders);
            }
            _ => {}
        }
    }

    fn next_line(&mut self) {
        self.x = self.line_x;
        self.y -= self.em();
    }

    fn show(&mut self, operands: &[Object], decoders: &BTreeMap<&[u8], Decoder<'_>>) {
        match self.pen {
            Some((_, y)) if (y - self.y).abs() > 0.5 => self.new_line(),
            Some((x, _)) if (self.x - x).abs() > 0.3 * self.em() => self.gap(),
            Some(_) => {}
            None => self.gap(),
        }
        let decoder = self
            .font
            .as_deref()
            .and_then(|f| decoders.get(f))
            .unwrap_or(&Decoder::Unmapped);
        self.strings(operands, decoder);
        self.pen = Some((self.x, self.y));
    }

    fn strings(&mut self, operands: &[Object], decoder: &Decoder<'_>) {
        for operand in operands {
            match operand {
                Object::String(bytes, _) => {
                    let from = self.out.len();
                    self.unmapped |= !decoder.decode(bytes, &mut self.out);
                    let ems: f32 = self.out[from..]
                        .chars()
                        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
                        .sum();
                    self.x += ems * self.em();
                }
                Object::Array(items) => self.strings(items, decoder),
                // A shift inside `TJ`, in thousandths of an em; more than a quarter em to the
                // right is a visible gap.
                Object::Integer(_) | Object::Real(_) => {
                    let shift = operand.as_float().unwrap_or(0.0);
                    if shift.is_finite() {
                        if shift < -250.0 {
                            self.gap();
                        }
                        self.x -= shift / 1000.0 * self.em();
                    }
                }
                _ => {}
            }
        }
    }
}
