//! The contact vault: where to reach a resident later (a Telegram chat, a Matrix
//! room), sealed with XChaCha20-Poly1305 under a key derived from the secret. The
//! pseudonym is bound in as associated data, so a sealed address copied to another
//! row does not open. Pure: the store keeps the sealed bytes, the service decides
//! when to keep or erase them.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::{Pseudonym, Secret};

/// Where a resident can be reached. Never logged: `Debug` shows the platform only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAddress {
    /// The platform, e.g. `telegram`.
    pub platform: String,
    /// The platform's address, e.g. a chat id.
    pub address: String,
    /// The language to write in (`nl`, `en`), when the resident chose to hear
    /// from the bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The neighbourhood the resident follows, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbourhood: Option<String>,
}

impl std::fmt::Debug for ContactAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactAddress")
            .field("platform", &self.platform)
            .field("address", &"<redacted>")
            .finish()
    }
}

/// A sealed address that did not open: wrong key, or moved to another resident.
#[derive(Debug, thiserror::Error)]
#[error("a sealed contact address could not be opened (wrong key or tampered row)")]
pub struct VaultError;

/// Seals and opens contact addresses.
pub struct Vault {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(<key redacted>)")
    }
}

const NONCE_LEN: usize = 24;

impl Vault {
    /// The vault under the project secret.
    pub fn new(secret: &Secret) -> Vault {
        let key = secret.derive("contact-vault/v1");
        Vault {
            cipher: XChaCha20Poly1305::new(&key.into()),
        }
    }

    /// Seals an address for `who`: hex of a fresh random nonce and the ciphertext.
    pub fn seal(&self, who: &Pseudonym, contact: &ContactAddress) -> String {
        self.seal_bound(who.as_str().as_bytes(), contact)
    }

    /// Opens an address sealed for `who`.
    pub fn open(&self, who: &Pseudonym, sealed_hex: &str) -> Result<ContactAddress, VaultError> {
        self.open_bound(who.as_str().as_bytes(), sealed_hex)
    }

    /// Seals any small value, bound to `label` (associated data): it opens only
    /// with the same label.
    pub fn seal_bound(&self, label: &[u8], value: &impl Serialize) -> String {
        let plain = serde_json::to_vec(value).expect("a small value serializes");
        hex::encode(self.seal_bytes(label, &plain))
    }

    /// Opens a value sealed with `label`.
    pub fn open_bound<T: serde::de::DeserializeOwned>(
        &self,
        label: &[u8],
        sealed_hex: &str,
    ) -> Result<T, VaultError> {
        let bytes = hex::decode(sealed_hex).map_err(|_| VaultError)?;
        let plain = self.open_bytes(label, &bytes)?;
        serde_json::from_slice(&plain).map_err(|_| VaultError)
    }

    /// Seals bytes bound to `label`: a fresh random nonce, then the ciphertext.
    pub fn seal_bytes(&self, label: &[u8], plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: label,
                },
            )
            .expect("encryption of a small message cannot fail");
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend(sealed);
        out
    }

    /// Opens bytes sealed with `label`.
    pub fn open_bytes(&self, label: &[u8], sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        if sealed.len() <= NONCE_LEN {
            return Err(VaultError);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: label,
                },
            )
            .map_err(|_| VaultError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_opens_and_refuses_the_wrong_resident_or_key() {
        let secret = Secret::from_hex(&"42".repeat(32), "test").unwrap();
        let vault = Vault::new(&secret);
        let alice = Pseudonym::from_stored("aa".repeat(32));
        let bob = Pseudonym::from_stored("bb".repeat(32));
        let contact = ContactAddress {
            platform: "telegram".into(),
            address: "5512345678".into(),
            lang: Some("nl".into()),
            neighbourhood: Some("oost".into()),
        };
        let sealed = vault.seal(&alice, &contact);
        assert!(!sealed.contains(&hex::encode("5512345678")));
        assert_ne!(sealed, vault.seal(&alice, &contact), "fresh nonce each time");
        assert_eq!(vault.open(&alice, &sealed).unwrap(), contact);
        assert!(vault.open(&bob, &sealed).is_err(), "bound to its resident");
        let other = Vault::new(&Secret::from_hex(&"43".repeat(32), "test").unwrap());
        assert!(other.open(&alice, &sealed).is_err(), "bound to its key");
        assert!(vault.open(&alice, "00").is_err());
        assert!(!format!("{contact:?}").contains("5512345678"));
    }
}
