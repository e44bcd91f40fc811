//! Deep links and QR codes for posters: `https://t.me/<bot>?start=<round>` opens
//! the bot and starts that round with one tap, and the QR code on a poster in a
//! community centre or waiting room does the same from a phone camera.

use std::path::{Path, PathBuf};

use qrcode::QrCode;

use crate::domain::RoundId;

/// Pixels per QR module in the PNG: large enough to print on A4.
const SCALE: u32 = 16;
/// Empty modules around the code, as the QR standard asks.
const QUIET_ZONE: u32 = 4;

/// Why a bot name or a QR code would not do.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    /// Telegram bot usernames are 5–32 letters, digits or underscores.
    #[error("`{0}` is not a Telegram bot username (5 to 32 letters, digits or _, usually ending in `bot`)")]
    BotName(String),
    /// The link does not fit a QR code (cannot happen for valid ids).
    #[error("cannot make a QR code: {0}")]
    Qr(String),
    /// Writing the files failed.
    #[error("cannot write {path}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// The deep link that starts `round` with the bot `bot` (with or without `@`).
pub fn deep_link(bot: &str, round: &RoundId) -> Result<String, PosterError> {
    let bot = bot.trim().trim_start_matches('@');
    let valid = (5..=32).contains(&bot.len()) && bot.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(PosterError::BotName(bot.to_owned()));
    }
    // Round ids are a-z, 0-9, - and _, at most 40 characters: a valid start payload.
    Ok(format!("https://t.me/{bot}?start={round}"))
}

/// Writes `<stem>.png` and `<stem>.svg` with a QR code of `link` into `dir`.
pub fn write_qr(link: &str, dir: &Path, stem: &str) -> Result<(PathBuf, PathBuf), PosterError> {
    let code = QrCode::new(link.as_bytes()).map_err(|e| PosterError::Qr(e.to_string()))?;
    // `--output-dir posters` need not exist yet.
    std::fs::create_dir_all(dir).map_err(|source| PosterError::Write {
        path: dir.to_owned(),
        source,
    })?;
    let svg_path = dir.join(format!("{stem}.svg"));
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(600, 600)
        .quiet_zone(true)
        .build();
    std::fs::write(&svg_path, svg).map_err(|source| PosterError::Write {
        path: svg_path.clone(),
        source,
    })?;

    let png_path = dir.join(format!("{stem}.png"));
    let modules = code.width() as u32;
    let size = (modules + 2 * QUIET_ZONE) * SCALE;
    let colors = code.to_colors();
    let mut pixels = vec![255u8; (size * size) as usize];
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (mx, my) = (i as u32 % modules, i as u32 / modules);
            for y in 0..SCALE {
                let row = ((my + QUIET_ZONE) * SCALE + y) * size;
                let start = (row + (mx + QUIET_ZONE) * SCALE) as usize;
                pixels[start..start + SCALE as usize].fill(0);
            }
        }
    }
    let write = || -> Result<(), std::io::Error> {
        let file = std::io::BufWriter::new(std::fs::File::create(&png_path)?);
        let mut encoder = png::Encoder::new(file, size, size);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
        writer.write_image_data(&pixels).map_err(std::io::Error::other)?;
        Ok(())
    };
    write().map_err(|source| PosterError::Write {
        path: png_path.clone(),
        source,
    })?;
    Ok((png_path, svg_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_need_a_real_bot_name() {
        let round = RoundId::parse("huishoudelijke-hulp-2027").unwrap();
        assert_eq!(
            deep_link("@meepraten_bot", &round).unwrap(),
            "https://t.me/meepraten_bot?start=huishoudelijke-hulp-2027"
        );
        for bad in ["", "bot", "mee praten bot", "meepraten-bot", &"b".repeat(33)] {
            assert!(deep_link(bad, &round).is_err(), "{bad}");
        }
    }
}
