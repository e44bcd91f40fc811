//! Keyed pseudonyms. A plain hash of a Telegram id is not anonymous (the id space
//! can be enumerated in minutes), so residents are keyed by HMAC under the secret,
//! and answers by HMAC under a random per-round salt that is destroyed at close.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::Secret;

/// Who sent a message, as the adapter knows it. Never stored, never logged:
/// `Debug` shows only the platform.
pub struct ResidentRef<'a> {
    /// Platform name, e.g. `telegram`, `matrix`, `terminal`.
    pub platform: &'a str,
    /// The platform's user id.
    pub user: &'a str,
    /// Where the resident can be reached later (a chat or room id), if the
    /// platform can send unprompted messages. Stored only, sealed, when the
    /// resident asks to hear back.
    pub address: Option<&'a str>,
}

impl std::fmt::Debug for ResidentRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResidentRef")
            .field("platform", &self.platform)
            .field("user", &"<redacted>")
            .field("address", &self.address.map(|_| "<redacted>"))
            .finish()
    }
}

/// A resident's stable, keyed pseudonym (hex HMAC-SHA256), used for conversation state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pseudonym(String);

impl Pseudonym {
    /// Derives the pseudonym of a platform identity under the secret.
    pub fn of(secret: &Secret, who: &ResidentRef<'_>) -> Pseudonym {
        let key = secret.derive("resident-pseudonym/v1");
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
        mac.update(who.platform.as_bytes());
        mac.update(&[0]);
        mac.update(who.user.as_bytes());
        Pseudonym(hex::encode(mac.finalize().into_bytes()))
    }

    /// Rebuilds a pseudonym read back from storage.
    pub fn from_stored(s: String) -> Pseudonym {
        Pseudonym(s)
    }

    /// The hex form, for storage.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A short prefix for logs: enough to follow one conversation, too short to be a key.
    pub fn short(&self) -> &str {
        &self.0[..8.min(self.0.len())]
    }
}

/// A round's random salt. While it exists, a resident's answers can be found (to
/// change them); once destroyed at close, nothing links answers to residents.
#[derive(Clone)]
pub struct RoundSalt(Vec<u8>);

impl std::fmt::Debug for RoundSalt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RoundSalt(<redacted>)")
    }
}

impl RoundSalt {
    /// A fresh random salt.
    pub fn generate() -> RoundSalt {
        let mut bytes = vec![0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        RoundSalt(bytes)
    }

    /// Rebuilds a salt read back from storage.
    pub fn from_stored(bytes: Vec<u8>) -> RoundSalt {
        RoundSalt(bytes)
    }

    /// The bytes, for storage.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The respondent key of a resident in this round.
    pub fn respondent(&self, who: &Pseudonym) -> RespondentKey {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"meepraten/respondent/v1");
        mac.update(who.as_str().as_bytes());
        RespondentKey(hex::encode(mac.finalize().into_bytes()))
    }
}

/// Groups one respondent's answers within one round, and nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RespondentKey(String);

impl RespondentKey {
    /// The hex form, for storage.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_keyed_and_separated_by_platform() {
        let a = Secret::from_hex(&"11".repeat(32), "test").unwrap();
        let b = Secret::from_hex(&"22".repeat(32), "test").unwrap();
        let tg = ResidentRef {
            platform: "telegram",
            user: "12345",
            address: None,
        };
        let mx = ResidentRef {
            platform: "matrix",
            user: "12345",
            address: None,
        };
        assert_eq!(Pseudonym::of(&a, &tg), Pseudonym::of(&a, &tg));
        assert_ne!(Pseudonym::of(&a, &tg), Pseudonym::of(&b, &tg));
        assert_ne!(Pseudonym::of(&a, &tg), Pseudonym::of(&a, &mx));
        assert!(!Pseudonym::of(&a, &tg).as_str().contains("12345"));
        assert!(!format!("{tg:?}").contains("12345"));
    }

    #[test]
    fn respondent_keys_differ_per_round() {
        let p = Pseudonym::from_stored("ab".repeat(32));
        let r1 = RoundSalt::generate();
        let r2 = RoundSalt::generate();
        assert_eq!(r1.respondent(&p), r1.respondent(&p));
        assert_ne!(r1.respondent(&p), r2.respondent(&p));
    }
}
