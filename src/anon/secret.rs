//! The secret key behind every pseudonym. It lives outside the database (a file
//! with mode 0600, or an environment variable), so a stolen database file alone
//! cannot be used to test guesses of platform ids.

use std::io::Write;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// Length of the secret in bytes.
const SECRET_LEN: usize = 32;

/// Why the secret key could not be had.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The key file exists but cannot be read.
    #[error("cannot read the secret key file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    /// The key file cannot be created.
    #[error("cannot create the secret key file {path}: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    /// The key is not 64 hexadecimal characters.
    #[error("the secret key in {origin} is not 64 hexadecimal characters")]
    Malformed { origin: String },
}

/// The project-wide secret. Its `Debug` never shows the bytes.
#[derive(Clone)]
pub struct Secret([u8; SECRET_LEN]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl Secret {
    /// Parses a hex-encoded secret; `origin` names where it came from for errors.
    pub fn from_hex(hex_text: &str, origin: &str) -> Result<Secret, SecretError> {
        let bytes = hex::decode(hex_text.trim()).map_err(|_| SecretError::Malformed {
            origin: origin.to_owned(),
        })?;
        let arr: [u8; SECRET_LEN] = bytes.try_into().map_err(|_| SecretError::Malformed {
            origin: origin.to_owned(),
        })?;
        Ok(Secret(arr))
    }

    /// Reads the key file, if it exists.
    pub fn read_file(path: &Path) -> Result<Option<Secret>, SecretError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Secret::from_hex(&text, &path.display().to_string()).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(SecretError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Creates a new random key file, readable by its owner only. Fails if the
    /// file already exists, so an existing key is never overwritten.
    pub fn create_file(path: &Path) -> Result<Secret, SecretError> {
        let mut bytes = [0u8; SECRET_LEN];
        rand::rng().fill_bytes(&mut bytes);
        let err = |source| SecretError::Create {
            path: path.to_owned(),
            source,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(err)?;
        file.write_all(hex::encode(bytes).as_bytes()).map_err(err)?;
        file.sync_all().map_err(err)?;
        Ok(Secret(bytes))
    }

    /// A key for one purpose, so no two uses of the secret share a key.
    pub(crate) fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"meepraten/");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// A value stored in the database to recognise this key on the next start,
    /// so a lost or swapped key is an error, never a silent new identity space.
    pub fn fingerprint(&self) -> String {
        hex::encode(self.derive("key-fingerprint/v1"))
    }
}
