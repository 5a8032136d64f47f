//! Word 97–2003 documents built for the tests: a compound file whose `WordDocument` stream holds
//! a FIB and the text in pieces, and whose `1Table` stream holds the piece table, as Word and WPS
//! save a `.doc` ([MS-DOC] 2.4.1). Chinese goes in UTF-16 pieces; a piece of ASCII may be stored
//! one byte a character, as Word does after a fast save.

#![allow(dead_code)]

use std::io::{Cursor, Write};

/// One piece of a document's text.
pub enum Piece<'a> {
    /// UTF-16LE, two bytes a character.
    Wide(&'a str),
    /// One byte a character (ASCII here).
    Narrow(&'a str),
}

/// A `.doc` whose text is `pieces`, in order (`\r` ends a paragraph, `\u{7}` a table cell,
/// `\u{13}…\u{14}…\u{15}` a field: its code, then what it shows). `encrypted` sets the FIB's
/// flag as a password-protected document has it.
pub fn word_doc(pieces: &[Piece<'_>], encrypted: bool) -> Vec<u8> {
    const FIB: usize = 0x200;
    let mut word = vec![0u8; FIB];
    word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    let flags: u16 = 0x0200 | if encrypted { 0x0100 } else { 0 };
    word[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
    let mut cps = vec![0u32];
    let mut pcds = Vec::new();
    for piece in pieces {
        let (fc, count) = match piece {
            Piece::Wide(text) => {
                let fc = word.len() as u32;
                let units: Vec<u16> = text.encode_utf16().collect();
                for u in &units {
                    word.extend_from_slice(&u.to_le_bytes());
                }
                (fc, units.len() as u32)
            }
            Piece::Narrow(text) => {
                assert!(text.is_ascii());
                let fc = ((word.len() as u32) * 2) | 0x4000_0000;
                word.extend_from_slice(text.as_bytes());
                (fc, text.len() as u32)
            }
        };
        cps.push(cps.last().unwrap() + count);
        let mut pcd = vec![0u8; 8];
        pcd[2..6].copy_from_slice(&fc.to_le_bytes());
        pcds.push(pcd);
    }
    let mut plc: Vec<u8> = cps.iter().flat_map(|c| c.to_le_bytes()).collect();
    for p in &pcds {
        plc.extend_from_slice(p);
    }
    // A property run (Prc) before the piece table, as Word writes one.
    let mut clx = vec![0x01, 0x02, 0x00, 0xAA, 0xBB, 0x02];
    clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
    clx.extend_from_slice(&plc);
    let mut table = vec![0u8; 16];
    let fc_clx = table.len() as u32;
    table.extend_from_slice(&clx);
    word[0x01A2..0x01A6].copy_from_slice(&fc_clx.to_le_bytes());
    word[0x01A6..0x01AA].copy_from_slice(&(clx.len() as u32).to_le_bytes());
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/WordDocument")
        .unwrap()
        .write_all(&word)
        .unwrap();
    file.create_stream("/1Table")
        .unwrap()
        .write_all(&table)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// A compound file that is neither a Word document nor a workbook: a PowerPoint 97–2003
/// presentation (`.ppt`), whose text is not read.
pub fn other_ole() -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/PowerPoint Document")
        .unwrap()
        .write_all(&[0x0F, 0x00, 0xE8, 0x03, 0x00, 0x00, 0x00, 0x00])
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}
