//! Keys for platform events already handled. A Matrix event id names a message
//! for anyone who can read the room, so it is never stored: an HMAC of it under
//! the secret is, which recognises the event again and tells nobody else anything.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Secret;

/// The stored key of one platform event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventKey(String);

impl EventKey {
    /// The key of event `id` on `platform`.
    pub fn of(secret: &Secret, platform: &str, id: &str) -> EventKey {
        let key = secret.derive("handled-event/v1");
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
        mac.update(platform.as_bytes());
        mac.update(&[0]);
        mac.update(id.as_bytes());
        EventKey(hex::encode(mac.finalize().into_bytes()))
    }

    /// The hex form, for storage.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_hides_the_event_and_depends_on_the_secret() {
        let a = Secret::from_hex(&"11".repeat(32), "test").unwrap();
        let b = Secret::from_hex(&"22".repeat(32), "test").unwrap();
        let id = "$f00bar:localhost";
        let key = EventKey::of(&a, "matrix", id);
        assert!(!key.as_str().contains("f00bar"));
        assert_eq!(key, EventKey::of(&a, "matrix", id));
        assert_ne!(key, EventKey::of(&b, "matrix", id));
        assert_ne!(key, EventKey::of(&a, "telegram", id));
    }
}
