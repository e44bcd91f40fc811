//! Conversation states sealed at rest. A state holds the resident's language,
//! where they are (stopped, mid-round) and the answers of a round in progress.
//! In the clear, the language alone singled out the one English speaker of a
//! round, and with it their response, also after the close; so every state is
//! sealed with the vault under the secret, bound to its pseudonym. States
//! written before this are plain JSON and are sealed when the service opens.

use crate::anon::{Pseudonym, Vault};

/// The first byte of a sealed state; a plain one starts with `{`.
const SEALED: u8 = 1;

/// States are padded (with spaces, which JSON ignores) to a multiple of this
/// many bytes before sealing: a ciphertext's length would otherwise show how
/// far a resident got, or that a round closed on them halfway.
const PAD: usize = 128;

fn label(who: &Pseudonym) -> Vec<u8> {
    format!("conversation/v1:{}", who.as_str()).into_bytes()
}

/// The state (JSON) as stored.
pub(crate) fn seal(vault: &Vault, who: &Pseudonym, json: &str) -> Vec<u8> {
    let mut padded = json.as_bytes().to_vec();
    padded.resize(json.len().div_ceil(PAD).max(1) * PAD, b' ');
    let mut out = vec![SEALED];
    out.extend(vault.seal_bytes(&label(who), &padded));
    out
}

/// The state (JSON) from what is stored; `None` when it does not open (another
/// key, or a row moved to another resident).
pub(crate) fn open(vault: &Vault, who: &Pseudonym, stored: &[u8]) -> Option<String> {
    match stored.first() {
        Some(&SEALED) => vault
            .open_bytes(&label(who), &stored[1..])
            .ok()
            .and_then(|plain| String::from_utf8(plain).ok())
            .map(|json| json.trim_end_matches(' ').to_owned()),
        Some(b'{') => String::from_utf8(stored.to_vec()).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anon::Secret;

    #[test]
    fn a_state_opens_only_for_its_resident_and_shows_nothing_sealed() {
        let vault = Vault::new(&Secret::from_hex(&"42".repeat(32), "test").unwrap());
        let (alice, bob) = (
            Pseudonym::from_stored("aa".repeat(32)),
            Pseudonym::from_stored("bb".repeat(32)),
        );
        let json = r#"{"lang":"en","stage":{"stage":"stopped"}}"#;
        let sealed = seal(&vault, &alice, json);
        let shown = String::from_utf8_lossy(&sealed);
        assert!(!shown.contains("lang") && !shown.contains("stopped"), "{shown}");
        assert_eq!(open(&vault, &alice, &sealed).as_deref(), Some(json));
        assert_eq!(open(&vault, &bob, &sealed), None, "moved to another resident");
        assert_ne!(sealed, seal(&vault, &alice, json), "a fresh nonce each time");
        // The length says nothing within a step of 128 bytes.
        let longer = r#"{"lang":"nl","stage":{"stage":"idle"},"closed_meanwhile":true}"#;
        assert_eq!(seal(&vault, &alice, longer).len(), sealed.len());
        assert_eq!(
            open(&vault, &alice, &seal(&vault, &alice, longer)).as_deref(),
            Some(longer)
        );
        // Written before states were sealed.
        assert_eq!(open(&vault, &alice, json.as_bytes()).as_deref(), Some(json));
    }
}
